import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HaruConnectionError } from '../src/errors.ts';
import { createHttp } from '../src/http.ts';
import { fetchTransport } from '../src/stream/fetch-transport.ts';
import { type ResumeOptions, resumingRecovery } from '../src/stream/resuming-recovery.ts';
import { emptyRunSnapshot, messageText, reduceRunEvent } from '../src/stream/run-snapshot.ts';
import { createRunStream } from '../src/stream/run-stream.ts';
import type { SseMessage } from '../src/stream/sse-decoder.ts';
import type { RunStreamEvent } from '../src/types.ts';
import { type FakeGatewayOptions, fakeGateway } from './support/fake-gateway.ts';
import { recordedEvents } from './support/fixtures.ts';

const recorded = recordedEvents('gateway-thread-and-run.sse');
const complete = recorded.reduce(reduceRunEvent, emptyRunSnapshot);
const firstDelta = recorded.findIndex((e) => e.event === 'thread.message.delta');
const pollingCatchUp = ['thread.message.delta', 'thread.message.completed', 'thread.run.completed', 'done'];

function recoveryFor(gateway: ReturnType<typeof fakeGateway>, options: ResumeOptions = {}) {
  const http = createHttp({ baseURL: 'http://haru.test', token: 'haru_device', fetch: gateway.fetch });
  return resumingRecovery(http, fetchTransport(gateway.fetch), {
    reconnectDelaysMs: [1, 1],
    poll: { intervalsMs: [1] },
    ...options,
  });
}

/** Follows the recorded run after its stream broke once `seenCount` events had arrived. */
async function follow(
  seenCount: number,
  gatewayOptions: FakeGatewayOptions = {},
  options: ResumeOptions = {},
) {
  const gateway = fakeGateway(recorded, gatewayOptions);
  const seen = recorded.slice(0, seenCount);
  const snapshot = seen.reduce(reduceRunEvent, emptyRunSnapshot);
  const recovered: RunStreamEvent[] = [];
  for await (const event of recoveryFor(gateway, options).follow({
    threadId: gateway.threadId,
    runId: snapshot.run?.id,
    snapshot,
    signal: new AbortController().signal,
  })) {
    recovered.push(event);
  }
  return { gateway, recovered, final: [...seen, ...recovered].reduce(reduceRunEvent, emptyRunSnapshot) };
}

test('after a drop mid-reply, recovery resumes after the last event id seen and continues exactly', async () => {
  const lastSeen = recorded[firstDelta]?.id;
  const { gateway, recovered, final } = await follow(firstDelta + 1);

  const [resume] = gateway.resumes();
  assert.equal(gateway.resumes().length, 1);
  assert.equal(resume?.headers.get('last-event-id'), lastSeen);
  assert.equal(resume?.url.searchParams.get('after'), lastSeen);
  assert.equal(resume?.headers.get('authorization'), 'Bearer haru_device');
  assert.deepEqual(recovered, recorded.slice(firstDelta + 1), 'every later event, once, in order');
  assert.deepEqual(final.messages, complete.messages);
  assert.equal(final.lastEventId, recorded.at(-1)?.id);
  assert.equal(gateway.polls().length, 0, 'no polling');
});

test('events a resumed stream repeats are skipped, so no text arrives twice', async () => {
  const { recovered, final } = await follow(firstDelta + 3, { resume: 'from-start' });
  assert.deepEqual(recovered, recorded.slice(firstDelta + 3));
  assert.equal(messageText(final.messages[0]), messageText(complete.messages[0]));
});

test('a gateway without the resume route (404) has the run followed by polling', async () => {
  const { gateway, recovered, final } = await follow(firstDelta + 1, { resume: 'unknown-route' });
  assert.equal(gateway.resumes().length, 1);
  assert.ok(gateway.polls().length >= 1, 'the run was polled');
  assert.deepEqual(
    recovered.map((e) => e.event),
    pollingCatchUp,
  );
  assert.deepEqual(final.messages, complete.messages);
  assert.equal(final.run?.status, 'completed');
});

test('a resume route that cannot be reached has the run followed by polling at once', async () => {
  const { gateway, final } = await follow(firstDelta + 1, { resume: 'unreachable' });
  assert.equal(gateway.resumes().length, 1, 'no reconnection without a first connection');
  assert.ok(gateway.polls().length >= 1);
  assert.deepEqual(final.messages, complete.messages);
});

test('a resumed stream that drops is resumed again from its newest event', async () => {
  const { gateway, recovered, final } = await follow(firstDelta + 1, { dropResumesAfter: [3] });
  const resumes = gateway.resumes();
  assert.equal(resumes.length, 2);
  assert.equal(resumes[1]?.headers.get('last-event-id'), recorded[firstDelta + 3]?.id);
  assert.deepEqual(recovered, recorded.slice(firstDelta + 1), 'no gap, no duplicate across the two');
  assert.deepEqual(final.messages, complete.messages);
  assert.equal(gateway.polls().length, 0);
});

test('a resumed stream that goes silent is dropped and resumed again', async () => {
  const { gateway, recovered } = await follow(
    firstDelta + 1,
    { dropResumesAfter: [2], resumesBreakBy: 'silence' },
    { idleTimeoutMs: 30 },
  );
  assert.equal(gateway.resumes().length, 2);
  assert.deepEqual(recovered, recorded.slice(firstDelta + 1));
});

test('resumed streams that keep dropping without news end in polling after the allowed reconnections', async () => {
  const { gateway, recovered, final } = await follow(firstDelta + 1, { dropResumesAfter: [2, 0, 0, 0] });
  assert.equal(gateway.resumes().length, 3, 'the first resume and two reconnections');
  assert.ok(gateway.polls().length >= 1);
  assert.deepEqual(
    recovered.map((e) => e.event),
    ['thread.message.delta', 'thread.message.delta', ...pollingCatchUp],
  );
  assert.deepEqual(final.messages, complete.messages);
});

test('a stream that broke before the run was announced resumes the thread’s newest run from its start', async () => {
  const { gateway, recovered } = await follow(0);
  assert.equal(gateway.resumes()[0]?.headers.get('last-event-id'), '0');
  assert.deepEqual(recovered, recorded);
});

test('a run stream cut after its first delta ends with the exact reply, every event once', async () => {
  const gateway = fakeGateway(recorded);
  const stream = createRunStream({
    threadId: gateway.threadId,
    open: async function* () {
      for (const event of recorded.slice(0, firstDelta + 1)) yield asMessage(event);
      throw new HaruConnectionError('The stream broke off.');
    },
    recovery: recoveryFor(gateway),
    cancel: async () => undefined,
  });
  const texts: string[] = [];
  stream.on('textDelta', (_delta, snapshot) => texts.push(snapshot.value));
  const ids: Array<string | undefined> = [];
  for await (const event of stream) ids.push(event.id);

  assert.deepEqual(
    ids,
    recorded.map((e) => e.id),
  );
  assert.equal(gateway.resumes()[0]?.headers.get('last-event-id'), recorded[firstDelta]?.id);
  assert.ok(texts.every((text, i) => i === 0 || text.startsWith(texts[i - 1] as string)));
  assert.equal(texts.at(-1), messageText(complete.messages[0]));
  assert.equal(stream.snapshot().lastEventId, recorded.at(-1)?.id);
});

const asMessage = (event: RunStreamEvent): SseMessage => ({
  event: event.event,
  data: typeof event.data === 'string' ? event.data : JSON.stringify(event.data),
  id: event.id,
});
