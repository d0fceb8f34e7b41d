import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRunEventLog, sseFrame } from '../src/engine/run-event-log.ts';
import { storedRunEvents } from '../src/engine/stored-run-events.ts';
import type { StoredFrames } from '../src/storage/run-event-store.ts';

// Events 1–3 were stored; the process died having sent 4 and 5 unstored; the closing events came later.
const batches: StoredFrames[] = [
  { firstId: 1, frames: [1, 2, 3].map((id) => sseFrame(id, 'thread.message.delta', { id })) },
  { firstId: 1004, frames: [sseFrame(1004, 'thread.run.failed', {}), sseFrame(1005, 'done', '[DONE]')] },
];
const load = async (afterId: number) =>
  batches.filter((batch) => batch.firstId + batch.frames.length - 1 > afterId);
const idsOf = (text: string) => [...text.matchAll(/^id: (\d+)$/gm)].map((match) => Number(match[1]));

async function collect(chunks: AsyncIterable<string>) {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}

test('a stored stream replays after any id, across a jump in ids, and ends at done', async () => {
  const stillRunning = async () => false;
  assert.deepEqual(idsOf(await collect(storedRunEvents(load, 0, stillRunning))), [1, 2, 3, 1004, 1005]);
  assert.deepEqual(idsOf(await collect(storedRunEvents(load, 2, stillRunning))), [3, 1004, 1005]);
  assert.deepEqual(
    idsOf(await collect(storedRunEvents(load, 5, stillRunning))),
    [1004, 1005],
    'from an id never stored',
  );
  assert.deepEqual(idsOf(await collect(storedRunEvents(load, 1005, stillRunning))), []);
});

test('a live log serves a reader far behind from the database, without a gap or a repeat', async () => {
  const stored: StoredFrames[] = [];
  const log = createRunEventLog(async (afterId) =>
    stored.filter((batch) => batch.firstId + batch.frames.length - 1 > afterId),
  );
  for (let i = 1; i <= 500; i++) {
    log.push('thread.message.delta', { i });
    if (i % 50 === 0) {
      const pending = log.unpersisted();
      assert.ok(pending);
      stored.push(pending);
      log.persisted(pending.firstId + pending.frames.length - 1);
    }
  }
  log.push('done', '[DONE]');
  log.close();
  for (const after of [0, 7, 260, 499, 500]) {
    const ids = idsOf(await collect(log.read(after)));
    assert.deepEqual(
      ids,
      Array.from({ length: 501 - after }, (_, index) => after + 1 + index),
      `after ${after}`,
    );
  }
});

test('readers see a status change, and what follows it, only once it is persisted, or once the log closes', async () => {
  const log = createRunEventLog(async () => []);
  log.push('thread.run.created', {}, true);
  const first = log.unpersisted();
  assert.ok(first);
  log.persisted(first.firstId + first.frames.length - 1);
  log.push('thread.message.delta', { n: 1 });
  log.push('thread.run.completed', {}, true);
  log.push('done', '[DONE]');

  const reader = log.read(0);
  const seen = async () => idsOf(String((await reader.next()).value));
  assert.deepEqual(await seen(), [1, 2], 'the delta goes out; the unstored completion waits');
  let next = reader.next();
  let woke = false;
  void next.then(() => {
    woke = true;
  });
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(woke, false);
  log.persisted(4);
  assert.deepEqual(idsOf(String((await next).value)), [3, 4]);

  const unstored = createRunEventLog(async () => []);
  unstored.push('thread.run.failed', {}, true);
  unstored.close();
  next = unstored.read(0).next();
  assert.deepEqual(idsOf(String((await next).value)), [1], 'a closed log holds nothing back');
});

test('a reader far behind takes the events about 64 KB at a time, from memory and from storage', async () => {
  const frameOf = (id: number) => sseFrame(id, 'thread.message.delta', { text: 'x'.repeat(1000) });
  const stored: StoredFrames[] = [
    { firstId: 1, frames: Array.from({ length: 300 }, (_, i) => frameOf(i + 1)) },
  ];
  const log = createRunEventLog(async (afterId) =>
    stored.filter((batch) => batch.firstId + batch.frames.length - 1 > afterId),
  );
  for (let id = 1; id <= 600; id++) log.push('thread.message.delta', { text: 'x'.repeat(1000) });
  log.persisted(300);
  log.push('done', '[DONE]');
  log.close();
  const sizes: number[] = [];
  const ids: number[] = [];
  for await (const chunk of log.read(0)) {
    sizes.push(chunk.length);
    ids.push(...idsOf(chunk));
  }
  assert.deepEqual(
    ids,
    Array.from({ length: 601 }, (_, i) => i + 1),
  );
  assert.ok(Math.max(...sizes) < 64 * 1024 + 1100, `chunks of at most about 64 KB (${Math.max(...sizes)})`);
});

test('the bytes waiting to be stored count what was pushed and not yet persisted, whatever order persists arrive in', () => {
  const log = createRunEventLog(async () => []);
  const sizes = ['a', 'bb', 'ccc'].map(
    (text) => sseFrame(log.push('thread.message.delta', text), 'thread.message.delta', text).length,
  );
  const sum = (from: number) => sizes.slice(from).reduce((total, size) => total + size, 0);
  assert.equal(log.bytesPending(), sum(0));
  log.persisted(undefined);
  assert.equal(log.bytesPending(), sum(0));
  log.persisted(2);
  assert.equal(log.bytesPending(), sum(2));
  log.persisted(1);
  assert.equal(log.bytesPending(), sum(2), 'an older write finishing late changes nothing');
  log.persisted(3);
  assert.equal(log.bytesPending(), 0);
});
