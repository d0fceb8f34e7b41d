import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planPrompt } from '../src/engine/prompt.ts';
import { createThreadMessageCache, type SeqMessage } from '../src/engine/thread-message-cache.ts';
import type { ChatMessage } from '../src/providers/model-provider.ts';
import { newRun } from '../src/schemas/run.ts';
import type { Stores } from '../src/storage/stores.ts';
import { promptAssistant, storedThread } from './support/stored-thread.ts';

/** The stores, counting the messages read back in full (not the index of sizes). */
function countingReads(stores: Stores) {
  let read = 0;
  const messages = stores.messages;
  const counted = {
    ...messages,
    range: async (...args: Parameters<typeof messages.range>) => {
      const rows = await messages.range(...args);
      read += rows.length;
      return rows;
    },
  };
  return {
    stores: new Proxy(stores, {
      get: (target, key) => (key === 'messages' ? counted : target[key as keyof Stores]),
    }),
    read: () => read,
  };
}

const contentsOf = (messages: ChatMessage[]) =>
  messages.filter((m) => m.role !== 'system').map((m) => m.content);

test('each run on a thread reads only the messages new since the last; the prompt is the same as read afresh', async () => {
  const { db, stores, say } = await storedThread();
  const cache = createThreadMessageCache();
  const { stores: counted, read } = countingReads(stores);
  for (const line of ['오늘 비가 왔어', 'I walked anyway', 'and found a café']) await say(line);

  const run = (n: number) => newRun(`run_${n}`, n, 't', promptAssistant, { assistant_id: 'a' });
  const first = await planPrompt(counted, 'user_1', run(1), { cache });
  assert.deepEqual(contentsOf(first.messages), ['오늘 비가 왔어', 'I walked anyway', 'and found a café']);
  assert.equal(read(), 3);

  await say('the coffee was warm');
  const second = await planPrompt(counted, 'user_1', run(2), { cache });
  assert.equal(read(), 4, 'only the new message was read');
  assert.deepEqual(second.messages, (await planPrompt(stores, 'user_1', run(2))).messages);
  await db.destroy();
});

test('a message deleted from the thread is never sent again, though it was held', async () => {
  const { db, stores, say } = await storedThread();
  const cache = createThreadMessageCache();
  for (const line of ['keep me', 'delete me', 'keep me too']) await say(line);
  const run = newRun('run_1', 1, 't', promptAssistant, { assistant_id: 'a' });
  await planPrompt(stores, 'user_1', run, { cache });
  await stores.messages.remove('user_1', 'msg_2');
  const again = await planPrompt(stores, 'user_1', run, { cache });
  assert.deepEqual(contentsOf(again.messages), ['keep me', 'keep me too']);
  await db.destroy();
});

test('held text stays within its bound, the least recently used threads forgotten first', async () => {
  const cache = createThreadMessageCache(1000);
  const load = (text: string) => async (from: number, to: number) => {
    const rows: SeqMessage[] = [];
    for (let seq = from; seq <= to; seq++) rows.push({ seq, message: { role: 'user', content: text } });
    return rows;
  };
  await cache.messages('u', 'old', [1, 2], load('x'.repeat(100)));
  await cache.messages('u', 'recent', [1, 2], load('y'.repeat(100)));
  for (let i = 0; i < 5; i++) await cache.messages('u', `other_${i}`, [1], load('z'.repeat(200)));
  assert.ok(cache.heldChars() <= 1000, `${cache.heldChars()} characters held`);
  let reloaded = 0;
  await cache.messages('u', 'old', [1, 2], async (from, to) => {
    reloaded += to - from + 1;
    return load('x'.repeat(100))(from, to);
  });
  assert.equal(reloaded, 2, 'the least recently used thread was forgotten');
  // A thread too big to hold is read each time, and holds nothing.
  await cache.messages('u', 'huge', [1], load('h'.repeat(600)));
  assert.ok(cache.heldChars() <= 1000);
});

test("a thread held for one user is not another's: their ids could only meet by mistake, and then nothing is shared", async () => {
  const cache = createThreadMessageCache();
  await cache.messages('alice', 't', [1], async () => [
    { seq: 1, message: { role: 'user', content: 'secret' } },
  ]);
  const seen = await cache.messages('bob', 't', [1], async () => [
    { seq: 1, message: { role: 'user', content: 'his own' } },
  ]);
  assert.deepEqual(seen, [{ role: 'user', content: 'his own' }]);
});
