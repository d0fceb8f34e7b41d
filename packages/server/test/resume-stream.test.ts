import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { startFakeUpstream } from './support/fake-upstream.ts';
import { startGateway, type TestGateway, userWithThread } from './support/gateway.ts';
import {
  deltaText,
  gatewayClient,
  idsOf,
  type MessageBody,
  messageText,
  type RunBody,
} from './support/gateway-client.ts';
import { startGatewayProcess } from './support/gateway-process.ts';
import { eventsOf, type ReceivedEvent, readEvents } from './support/sse.ts';

// Failures print the seed; RESUME_SEED=<seed> replays the same cut points.
const seed = Number(process.env.RESUME_SEED ?? 20261125);

/** mulberry32: a small seeded PRNG, so a failing cut point can be replayed. */
function seededRandom(start: number) {
  let state = start >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /** A whole number from `low` to `high`, both included. */
  return (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
}

/** Text with multi-byte characters, so a cut or a batch boundary inside one would show. */
const longReply = Array.from(
  { length: 80 },
  (_, i) => `${i % 3 === 0 ? '오늘 ' : 'word'}${i}${i % 7 === 0 ? ' 😊' : ''} `,
);
const liveReply = { pieces: longReply, delayMs: 10 };

let upstream: Awaited<ReturnType<typeof startFakeUpstream>>;
let gateway: TestGateway;

before(async () => {
  upstream = await startFakeUpstream(liveReply);
  gateway = await startGateway({ upstreamURL: upstream.baseURL });
  await gateway.listen();
});

beforeEach(() => upstream.reset());

after(async () => {
  await gateway.close();
  await upstream.close();
});

const comparable = (events: ReceivedEvent[]) => events.map(({ id, event, data }) => ({ id, event, data }));

const resumePath = (threadId: string, runId: string) => `/v1/threads/${threadId}/runs/${runId}/stream`;

async function completedRun(token: string, threadId: string, assistantId: string) {
  const response = await gateway.request(`/v1/threads/${threadId}/runs`, {
    token,
    json: { assistant_id: assistantId, stream: true },
  });
  const events = await readEvents(response);
  assert.equal(events.at(-1)?.event, 'done');
  const runId = (JSON.parse(events[0]?.data ?? '{}') as RunBody).id;
  return { events, runId };
}

async function storedReply(token: string, threadId: string, runId: string) {
  const page = await gateway.call<{ data: MessageBody[] }>(
    `/v1/threads/${threadId}/messages?run_id=${runId}`,
    { token },
  );
  assert.equal(page.data.length, 1, 'the run wrote one reply');
  return page.data[0] as MessageBody;
}

/** Reads `count` events of a live stream over HTTP, then hangs up as a client losing its connection would. */
async function readThenHangUp(path: string, init: RequestInit, count: number) {
  const hangUp = new AbortController();
  const response = await fetch(`${gateway.url}${path}`, { ...init, signal: hangUp.signal });
  assert.equal(response.status, 200);
  const events: ReceivedEvent[] = [];
  for await (const event of eventsOf(response)) {
    events.push(event);
    if (events.length === count) break;
  }
  hangUp.abort();
  assert.equal(events.length, count, 'the stream had not ended before the cut');
  return events;
}

const post = (token: string, body: object, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/** The ids of a stream put together from pieces: each exactly once, in order, ending with `done`. */
function assertWholeStream(events: ReceivedEvent[], where: string) {
  assert.deepEqual(
    idsOf(events),
    events.map((_, index) => index + 1),
    `${where}: ids 1..n, none missing or repeated`,
  );
  assert.equal(events.at(-1)?.event, 'done', `${where}: ends with done`);
  assert.equal(events.at(-1)?.data, '[DONE]');
}

test('a finished run replays exactly the events after any id, by Last-Event-ID or ?after', {
  timeout: 60_000,
}, async () => {
  const { token, assistantId, threadId } = await userWithThread(gateway);
  upstream.next({ pieces: longReply });
  const { events, runId } = await completedRun(token, threadId, assistantId);
  const last = events.length;
  assertWholeStream(events, 'the original stream');

  const random = seededRandom(seed);
  const cuts = [0, 1, last - 1, last, ...Array.from({ length: 26 }, () => random(0, last))];
  for (const k of cuts) {
    const byHeader = await readEvents(
      await gateway.request(resumePath(threadId, runId), { token, headers: { 'Last-Event-ID': String(k) } }),
    );
    const byQuery = await readEvents(
      await gateway.request(`${resumePath(threadId, runId)}?after=${k}`, { token }),
    );
    const expected = comparable(events.slice(k));
    assert.deepEqual(comparable(byHeader), expected, `Last-Event-ID: ${k} (seed ${seed})`);
    assert.deepEqual(comparable(byQuery), expected, `?after=${k} (seed ${seed})`);
  }
});

test('a stream cut at a random event and resumed while the run goes on loses and repeats nothing', {
  timeout: 60_000,
}, async () => {
  const random = seededRandom(seed + 1);
  const cuts = Array.from({ length: 12 }, (_, index) => ({
    count: random(1, 40),
    by: index % 2 === 0 ? ('header' as const) : ('query' as const),
  }));
  const outcomes = await Promise.all(
    cuts.map(async ({ count, by }) => {
      const { token, assistantId, threadId } = await userWithThread(gateway);
      const beforeCut = await readThenHangUp(
        `/v1/threads/${threadId}/runs`,
        post(token, { assistant_id: assistantId, stream: true }),
        count,
      );
      const runId = (JSON.parse(beforeCut[0]?.data ?? '{}') as RunBody).id;
      const lastId = beforeCut.at(-1)?.id ?? '';
      const run = await gateway.call<RunBody>(`/v1/threads/${threadId}/runs/${runId}`, { token });
      const resumed = await readEvents(
        by === 'header'
          ? await gateway.request(resumePath(threadId, runId), {
              token,
              headers: { 'Last-Event-ID': lastId },
            })
          : await gateway.request(`${resumePath(threadId, runId)}?after=${lastId}`, { token }),
      );
      const where = `cut after ${count} events, resumed by ${by} (seed ${seed + 1})`;
      const whole = [...beforeCut, ...resumed];
      assertWholeStream(whole, where);
      assert.equal(whole.at(-2)?.event, 'thread.run.completed', where);
      const reply = await storedReply(token, threadId, runId);
      assert.equal(deltaText(whole), messageText(reply), `${where}: the deltas add up to the stored reply`);
      assert.equal(messageText(reply), longReply.join(''), where);
      return { resumedLive: run.status === 'in_progress' };
    }),
  );
  // The cuts come early in a reply that takes about a second, so most resume a run still going.
  assert.ok(
    outcomes.some((outcome) => outcome.resumedLive),
    'at least one stream was resumed while its run was still generating',
  );
});

test('resuming after the run ended and left memory replays from the database and ends with done', {
  timeout: 60_000,
}, async () => {
  const { token, assistantId, threadId } = await userWithThread(gateway);
  upstream.next({ pieces: ['Rivers ', 'are ', 'calm.'] });
  const { events, runId } = await completedRun(token, threadId, assistantId);
  await gateway.engine.settled(runId);
  assert.equal(gateway.engine.isRunning(runId), false);

  const all = await readEvents(await gateway.request(resumePath(threadId, runId), { token }));
  assert.deepEqual(comparable(all), comparable(events));

  const lastDelta = events.findLast((event) => event.event === 'thread.message.delta');
  const rest = await readEvents(
    await gateway.request(resumePath(threadId, runId), {
      token,
      headers: { 'Last-Event-ID': lastDelta?.id ?? '' },
    }),
  );
  assert.deepEqual(
    rest.map((event) => event.event),
    ['thread.message.completed', 'thread.run.step.completed', 'thread.run.completed', 'done'],
  );
  assert.deepEqual(comparable(rest), comparable(events.slice(-4)));
});

test('a create sent again with Last-Event-ID continues the run it lost and never starts another', {
  timeout: 60_000,
}, async () => {
  const { token, assistantId, threadId } = await userWithThread(gateway);
  const body = { assistant_id: assistantId, stream: true };
  const beforeCut = await readThenHangUp(`/v1/threads/${threadId}/runs`, post(token, body), 12);
  const runId = (JSON.parse(beforeCut[0]?.data ?? '{}') as RunBody).id;
  const listRuns = async () =>
    (await gateway.call<{ data: RunBody[] }>(`/v1/threads/${threadId}/runs`, { token })).data.map(
      (run) => run.id,
    );
  assert.deepEqual(await listRuns(), [runId]);

  const again = await gateway.request(`/v1/threads/${threadId}/runs`, {
    token,
    json: body,
    headers: { 'Last-Event-ID': beforeCut.at(-1)?.id ?? '' },
  });
  assert.equal(again.status, 200);
  const rest = await readEvents(again);
  const whole = [...beforeCut, ...rest];
  assertWholeStream(whole, 'the reconnected stream');
  assert.equal(deltaText(whole), messageText(await storedReply(token, threadId, runId)));
  assert.deepEqual(await listRuns(), [runId], 'the reconnect created no run');

  // The run has ended: the same reconnect replays what is left after that id, here nothing, and closes.
  const doneId = whole.at(-1)?.id ?? '';
  const afterDone = await gateway.request(`/v1/threads/${threadId}/runs`, {
    token,
    json: body,
    headers: { 'Last-Event-ID': doneId },
  });
  assert.equal(afterDone.status, 200);
  assert.deepEqual(await readEvents(afterDone), []);
  const beforeDone = await gateway.request(`/v1/threads/${threadId}/runs`, {
    token,
    json: body,
    headers: { 'Last-Event-ID': String(Number(doneId) - 1) },
  });
  assert.deepEqual(comparable(await readEvents(beforeDone)), comparable(whole.slice(-1)));
  assert.deepEqual(await listRuns(), [runId], 'reconnecting to a finished run created no run');
});

test('POST /threads/runs with Last-Event-ID continues the user’s newest run', {
  timeout: 60_000,
}, async () => {
  const token = await gateway.newUser();
  const assistant = await gateway.call<{ id: string }>('/v1/assistants', {
    token,
    json: { model: 'test-model' },
  });
  const body = {
    assistant_id: assistant.id,
    stream: true,
    thread: { messages: [{ role: 'user', content: 'A long day at work.' }] },
  };
  const beforeCut = await readThenHangUp('/v1/threads/runs', post(token, body), 15);
  assert.equal(beforeCut[0]?.event, 'thread.created');
  const threadId = (JSON.parse(beforeCut[0]?.data ?? '{}') as { id: string }).id;
  const runId = (JSON.parse(beforeCut[1]?.data ?? '{}') as RunBody).id;

  const rest = await readEvents(
    await gateway.request('/v1/threads/runs', {
      token,
      json: body,
      headers: { 'Last-Event-ID': beforeCut.at(-1)?.id ?? '' },
    }),
  );
  const whole = [...beforeCut, ...rest];
  assertWholeStream(whole, 'the reconnected thread-and-run stream');
  assert.equal(deltaText(whole), messageText(await storedReply(token, threadId, runId)));
  const threads = await gateway.call<{ data: Array<{ id: string }> }>('/v1/threads', { token });
  assert.deepEqual(
    threads.data.map((thread) => thread.id),
    [threadId],
    'the reconnect created no thread',
  );
  const runs = await gateway.call<{ data: RunBody[] }>(`/v1/threads/${threadId}/runs`, { token });
  assert.deepEqual(
    runs.data.map((run) => run.id),
    [runId],
  );
});

test('another user’s run cannot be resumed or reconnected to, and their stream stays theirs', {
  timeout: 60_000,
}, async () => {
  const owner = await userWithThread(gateway);
  upstream.next({ pieces: ['Only ', 'mine.'] });
  const { runId } = await completedRun(owner.token, owner.threadId, owner.assistantId);
  const stranger = await userWithThread(gateway);

  for (const path of [resumePath(owner.threadId, runId), resumePath(stranger.threadId, runId)]) {
    for (const headers of [{}, { 'Last-Event-ID': '0' }]) {
      const response = await gateway.request(path, { token: stranger.token, headers });
      assert.equal(response.status, 404, path);
      const body = (await response.json()) as { error: { message: string } };
      assert.doesNotMatch(JSON.stringify(body), /Only|mine/, 'none of the reply leaks');
    }
  }
  const reconnect = await gateway.request(`/v1/threads/${owner.threadId}/runs`, {
    token: stranger.token,
    json: { assistant_id: stranger.assistantId, stream: true },
    headers: { 'Last-Event-ID': '0' },
  });
  assert.equal(reconnect.status, 404);

  // A reconnect to the stranger's own thread, where they never ran anything, is 404 too, and starts nothing.
  const nothingToResume = await gateway.request(`/v1/threads/${stranger.threadId}/runs`, {
    token: stranger.token,
    json: { assistant_id: stranger.assistantId, stream: true },
    headers: { 'Last-Event-ID': '3' },
  });
  assert.equal(nothingToResume.status, 404);
  const strangerRuns = await gateway.call<{ data: unknown[] }>(`/v1/threads/${stranger.threadId}/runs`, {
    token: stranger.token,
  });
  assert.equal(strangerRuns.data.length, 0);
  const ownerRuns = await gateway.call<{ data: RunBody[] }>(`/v1/threads/${owner.threadId}/runs`, {
    token: owner.token,
  });
  assert.deepEqual(
    ownerRuns.data.map((run) => run.id),
    [runId],
  );
});

test('a finished run’s stream resumes identically after the gateway process is killed and restarted', {
  timeout: 60_000,
}, async () => {
  const folder = mkdtempSync(join(tmpdir(), 'haru-resume-'));
  const model = await startFakeUpstream({ pieces: longReply.slice(0, 30) });
  const gatewayProcess = await startGatewayProcess({
    DATABASE_URL: `sqlite:${join(folder, 'haru.sqlite')}`,
    OPENAI_API_KEY: 'sk-test-upstream',
    OPENAI_BASE_URL: model.baseURL,
  });
  try {
    const client = gatewayClient(gatewayProcess.url);
    const { token, assistantId, threadId } = await client.userWithThread();
    const events = await readEvents(
      await client.request(`/v1/threads/${threadId}/runs`, {
        token,
        json: { assistant_id: assistantId, stream: true },
      }),
    );
    assertWholeStream(events, 'the original stream');
    const runId = (JSON.parse(events[0]?.data ?? '{}') as RunBody).id;

    await gatewayProcess.stop();
    await gatewayProcess.start();

    const middle = Math.floor(events.length / 2);
    const fromStart = await readEvents(await client.request(resumePath(threadId, runId), { token }));
    assert.deepEqual(comparable(fromStart), comparable(events));
    const fromMiddle = await readEvents(
      await client.request(resumePath(threadId, runId), {
        token,
        headers: { 'Last-Event-ID': String(middle) },
      }),
    );
    assert.deepEqual(comparable(fromMiddle), comparable(events.slice(middle)));
    const byQuery = await readEvents(
      await client.request(`${resumePath(threadId, runId)}?after=${middle}`, { token }),
    );
    assert.deepEqual(comparable(byQuery), comparable(events.slice(middle)));
  } finally {
    await gatewayProcess.stop();
    await model.close();
    rmSync(folder, { recursive: true, force: true });
  }
});
