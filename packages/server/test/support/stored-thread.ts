import { newMessage } from '../../src/schemas/message.ts';
import { newThread } from '../../src/schemas/thread.ts';
import { openDatabase } from '../../src/storage/database.ts';
import { storesFor } from '../../src/storage/stores.ts';

/** The assistant fields a run takes, for runs planned straight from storage. */
export const promptAssistant = {
  id: 'a',
  model: 'm',
  instructions: 'Be kind.',
  tools: [],
  temperature: null,
  top_p: null,
  response_format: 'auto' as const,
};

/** Thread `t` of user `user_1` in a fresh database, holding `contents` as user messages `msg_1`, `msg_2`…; `say` adds one more. */
export async function storedThread(contents: string[] = []) {
  const db = await openDatabase('sqlite::memory:');
  const stores = storesFor(db);
  await stores.users.insert({ id: 'user_1', tokenHash: 'h', createdAt: 1 });
  await stores.threads.insert('user_1', newThread('t', 1, {}));
  let count = 0;
  const say = (content: string) =>
    stores.messages.insert('user_1', newMessage(`msg_${++count}`, count, 't', { role: 'user', content }));
  for (const content of contents) await say(content);
  return { db, stores, say };
}
