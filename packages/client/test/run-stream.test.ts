import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunRecovery } from '../src/stream/run-recovery.ts';
import { messageText } from '../src/stream/run-snapshot.ts';
import { createRunStream } from '../src/stream/run-stream.ts';
import type { SseMessage } from '../src/stream/sse-decoder.ts';
import type { RunStreamEvent } from '../src/types.ts';
import { recordedEvents } from './support/fixtures.ts';

const recorded = recordedEvents('gateway-thread-and-run.sse');
const asMessage = (event: RunStreamEvent): SseMessage => ({
  event: event.event,
  data: typeof event.data === 'string' ? event.data : JSON.stringify(event.data),
  id: event.id,
});

/** A connection that delivers the first `count` events, then goes silent without an error, as sleeping phones do. */
function silentAfter(count: number, keepAlives = 0) {
  return async function* open(signal: AbortSignal): AsyncGenerator<SseMessage> {
    for (const event of recorded.slice(0, count)) yield asMessage(event);
    for (let i = 0; i < keepAlives; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      yield { event: ':comment', data: '' };
    }
    await new Promise((_, reject) =>
      signal.addEventListener('abort', () => reject(signal.reason), { once: true }),
    );
  };
}

/** Recovery that finishes the run from the recording, as polling the gateway would. */
const finishFromRecording: RunRecovery = {
  async *follow({ snapshot }) {
    const seen = snapshot.messages[0] ? messageText(snapshot.messages[0]) : '';
    const full = recorded
      .filter((e) => e.event === 'thread.message.delta')
      .map(
        (e) =>
          (e.data as { delta: { content: Array<{ text: { value: string } }> } }).delta.content[0]?.text.value,
      )
      .join('');
    const id = snapshot.messages[0]?.id ?? '';
    yield {
      event: 'thread.message.delta',
      data: {
        id,
        object: 'thread.message.delta',
        delta: { content: [{ index: 0, type: 'text', text: { value: full.slice(seen.length) } }] },
      },
    };
    for (const event of recorded.slice(-3)) yield event;
  },
};

test('a stream that goes silent is treated as dropped and finished through recovery', async () => {
  const firstDelta = recorded.findIndex((e) => e.event === 'thread.message.delta');
  const stream = createRunStream({
    threadId: 'thread_1',
    open: silentAfter(firstDelta + 1),
    recovery: finishFromRecording,
    cancel: async () => undefined,
    idleTimeoutMs: 60,
  });
  const run = await stream.finalRun();
  assert.equal(run.status, 'completed');
  const complete = recorded.find((e) => e.event === 'thread.message.completed')?.data;
  assert.equal(messageText((await stream.finalMessages())[0]), messageText(complete as never));
});

test('keep-alive comments hold off the idle timeout and never reach listeners', async () => {
  const seen: string[] = [];
  const stream = createRunStream({
    threadId: 'thread_1',
    open: silentAfter(3, 6),
    recovery: { async *follow() {} },
    cancel: async () => undefined,
    idleTimeoutMs: 60,
  });
  stream.on('event', (event) => seen.push(event.event));
  const started = Date.now();
  await stream.done().catch(() => undefined);
  assert.ok(
    Date.now() - started >= 120,
    'six keep-alives 20 ms apart kept the stream open past the 60 ms timeout',
  );
  assert.ok(!seen.includes(':comment'));
});
