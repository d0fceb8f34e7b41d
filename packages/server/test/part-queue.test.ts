import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createPartQueue } from '../src/providers/part-queue.ts';

test('text that arrives before the reader wakes is handed over as one piece', async () => {
  const queue = createPartQueue();
  queue.push({ type: 'text-delta', text: '오늘 ' });
  queue.push({ type: 'text-delta', text: 'good ' });
  queue.push({ type: 'text-delta', text: 'day' });
  assert.deepEqual(await queue.take(), [{ type: 'text-delta', text: '오늘 good day' }]);
});

test('a piece pushed after the reader took the last ones travels on its own, at once', async () => {
  const queue = createPartQueue();
  queue.push({ type: 'text-delta', text: 'First' });
  assert.deepEqual(await queue.take(), [{ type: 'text-delta', text: 'First' }]);
  const next = queue.take();
  queue.push({ type: 'text-delta', text: ' second' });
  assert.deepEqual(await next, [{ type: 'text-delta', text: ' second' }]);
});

test('only pieces of the same kind, and of the same call, are joined; order is kept', async () => {
  const queue = createPartQueue();
  queue.push({ type: 'text-delta', text: 'Let me check.' });
  queue.push({ type: 'tool-call-start', id: 'call_a', name: 'weather' });
  queue.push({ type: 'tool-call-delta', id: 'call_a', argumentsDelta: '{"ci' });
  queue.push({ type: 'tool-call-delta', id: 'call_a', argumentsDelta: 'ty":"Seoul"}' });
  queue.push({ type: 'tool-call-start', id: 'call_b', name: 'weather' });
  queue.push({ type: 'tool-call-delta', id: 'call_b', argumentsDelta: '{}' });
  queue.close({ type: 'finish', reason: 'tool-calls', usage: undefined });
  assert.deepEqual(await queue.take(), [
    { type: 'text-delta', text: 'Let me check.' },
    { type: 'tool-call-start', id: 'call_a', name: 'weather' },
    { type: 'tool-call-delta', id: 'call_a', argumentsDelta: '{"city":"Seoul"}' },
    { type: 'tool-call-start', id: 'call_b', name: 'weather' },
    { type: 'tool-call-delta', id: 'call_b', argumentsDelta: '{}' },
    { type: 'finish', reason: 'tool-calls', usage: undefined },
  ]);
  assert.deepEqual(await queue.take(), []);
});
