import type { Kysely } from 'kysely';
import type { Message } from '../schemas/message.ts';
import { ownedObjects } from './owned-objects.ts';
import type { Tables } from './tables.ts';

export function messageStore(db: Kysely<Tables>) {
  const objects = ownedObjects<Message>(db, 'messages');
  const columns = (message: Message) => ({ thread_id: message.thread_id, run_id: message.run_id });
  return {
    ...objects,
    insert: (userId: string, message: Message) => objects.insert(userId, message, columns(message)),
    update: (userId: string, message: Message) => objects.update(userId, message, columns(message)),
    findInThread: (userId: string, threadId: string, id: string) =>
      objects.findWhere(userId, { thread_id: threadId, id }),

    /** The whole conversation in order, for building a prompt. */
    async allInThread(userId: string, threadId: string): Promise<Message[]> {
      const rows = await db
        .selectFrom('messages')
        .select('body')
        .where('user_id', '=', userId)
        .where('thread_id', '=', threadId)
        .orderBy('seq', 'asc')
        .execute();
      return rows.map((row) => JSON.parse(row.body) as Message);
    },
  };
}
