import type { Kysely } from 'kysely';
import { estimateTokens } from '../providers/token-estimate.ts';
import { contentText, type Message } from '../schemas/message.ts';
import { ownedObjects } from './owned-objects.ts';
import { runPrecompiled } from './precompiled.ts';
import { keepingStoredMetadata } from './stored-metadata.ts';
import type { Tables } from './tables.ts';

export interface MessageSize {
  seq: number;
  tokens: number;
}

export function messageStore(db: Kysely<Tables>) {
  const objects = ownedObjects<Message>(db, 'messages');
  const columns = (message: Message) => ({ thread_id: message.thread_id, run_id: message.run_id });
  return {
    ...objects,
    insert: (userId: string, message: Message) =>
      objects.insert(userId, message, {
        ...columns(message),
        tokens: estimateTokens(contentText(message.content)),
      }),
    update: (userId: string, message: Message) => objects.update(userId, message, columns(message)),
    /** Writes a reply being generated: its text and token count, with the metadata as stored. */
    async updateReply(userId: string, reply: Message, tokens: number) {
      const values = { body: JSON.stringify(reply), tokens, id: reply.id, userId };
      await runPrecompiled(db, 'update reply', values, (slots) =>
        db
          .updateTable('messages')
          .set({ body: keepingStoredMetadata(db, slots.body), tokens: slots.tokens })
          .where('id', '=', slots.id)
          .where('user_id', '=', slots.userId),
      );
    },
    findInThread: (userId: string, threadId: string, id: string) =>
      objects.findWhere(userId, { thread_id: threadId, id }),

    /**
     * The sizes of a page of the thread's messages, newest first, from just before `beforeSeq`,
     * leaving out what run `exceptRun` wrote (a run's own reply is no part of its prompt).
     */
    async sizesNewestFirst(
      userId: string,
      threadId: string,
      exceptRun: string,
      beforeSeq: number,
      limit: number,
    ): Promise<MessageSize[]> {
      const { rows } = await runPrecompiled(
        db,
        'message sizes',
        { threadId, userId, exceptRun, beforeSeq, limit },
        (slots) =>
          db
            .selectFrom('messages')
            .select(['seq', 'tokens'])
            .where('thread_id', '=', slots.threadId)
            .where('user_id', '=', slots.userId)
            .where((where) => where.or([where('run_id', 'is', null), where('run_id', '!=', slots.exceptRun)]))
            .where('seq', '<', slots.beforeSeq)
            .orderBy('seq', 'desc')
            .limit(slots.limit),
      );
      return rows.map((row) => ({ seq: Number(row.seq), tokens: row.tokens ?? 0 }));
    },

    /** The thread's messages from `fromSeq` to `toSeq`, in order, with their places in the thread. */
    async range(
      userId: string,
      threadId: string,
      fromSeq: number,
      toSeq: number,
    ): Promise<Array<{ seq: number; message: Message }>> {
      const { rows } = await runPrecompiled(
        db,
        'message range',
        { threadId, userId, fromSeq, toSeq },
        (slots) =>
          db
            .selectFrom('messages')
            .select(['seq', 'body'])
            .where('thread_id', '=', slots.threadId)
            .where('user_id', '=', slots.userId)
            .where('seq', '>=', slots.fromSeq)
            .where('seq', '<=', slots.toSeq)
            .orderBy('seq', 'asc'),
      );
      return rows.map((row) => ({ seq: Number(row.seq), message: JSON.parse(row.body) as Message }));
    },
  };
}
