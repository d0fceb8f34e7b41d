import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Http } from '../src/http.ts';
import { pollingRecovery } from '../src/stream/run-recovery.ts';
import { emptyRunSnapshot, reduceRunEvent } from '../src/stream/run-snapshot.ts';
import type { RunStreamEvent } from '../src/types.ts';
import { recordedEvents } from './support/fixtures.ts';

/** An Http that answers the recovery's two questions from the recorded run's final state. */
function answering(events: RunStreamEvent[]): Http {
  const run = events.findLast((e) => e.event === 'thread.run.completed')?.data;
  const message = events.findLast((e) => e.event === 'thread.message.completed')?.data;
  return {
    request: async (_method: string, path: string) =>
      path.includes('/messages')
        ? { object: 'list', data: [message], first_id: null, last_id: null, has_more: false }
        : run,
  } as unknown as Http;
}

async function follow(events: RunStreamEvent[], seenCount: number) {
  const seen = events.slice(0, seenCount);
  const snapshot = seen.reduce(reduceRunEvent, emptyRunSnapshot);
  const recovered: RunStreamEvent[] = [];
  for await (const event of pollingRecovery(answering(events), { intervalsMs: [1] }).follow({
    threadId: snapshot.thread?.id ?? 't',
    runId: snapshot.run?.id,
    snapshot,
    signal: new AbortController().signal,
  })) {
    recovered.push(event);
  }
  return { final: [...seen, ...recovered].reduce(reduceRunEvent, emptyRunSnapshot), recovered };
}

test('after a drop mid-reply, recovery supplies the rest of the text and the end, once', async () => {
  const events = recordedEvents('gateway-thread-and-run.sse');
  const firstDelta = events.findIndex((e) => e.event === 'thread.message.delta');
  const { final, recovered } = await follow(events, firstDelta + 2);
  const complete = events.reduce(reduceRunEvent, emptyRunSnapshot);
  assert.deepEqual(final.messages, complete.messages);
  assert.equal(final.run?.status, 'completed');
  assert.deepEqual(
    recovered.map((e) => e.event),
    ['thread.message.delta', 'thread.message.completed', 'thread.run.completed', 'done'],
  );
});

test('after a drop just before `done`, recovery announces nothing a second time', async () => {
  const events = recordedEvents('gateway-thread-and-run.sse');
  const { recovered } = await follow(events, events.length - 1);
  assert.deepEqual(
    recovered.map((e) => e.event),
    ['done'],
  );
});
