/**
 * The client's integration scenarios, written once and run both in Node and in Chromium against a real
 * gateway. Browser-safe: only the client itself is imported.
 */
import {
  createHaruClient,
  HaruApiError,
  type HaruClient,
  messageText,
  type RecoveryChoice,
} from '../src/index.ts';
import type { TransportChoice } from '../src/stream/choose-transport.ts';

export interface ScenarioEnv {
  /** The gateway, reached through a proxy that can cut a stream. */
  baseURL: string;
  transport: Exclude<TransportChoice, 'auto' | ((...args: never[]) => unknown)> | 'auto';
  /** Arms the proxy to cut the next stream right after its first text delta. */
  cutNextStream: () => Promise<void> | void;
  /** Every request the proxy has passed on so far, as `GET /v1/threads/…`. */
  requestsSeen: () => Promise<string[]> | string[];
}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Check failed: ${message}`);
}

function equal<T>(actual: T, expected: T, message: string) {
  check(
    actual === expected,
    `${message}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
  );
}

async function session(env: ScenarioEnv, recovery: RecoveryChoice = 'resume') {
  const options = {
    baseURL: env.baseURL,
    transport: env.transport,
    recovery,
    poll: { intervalsMs: [50, 100, 200] },
  };
  const { token } = await createHaruClient(options).auth.registerDevice();
  const client = createHaruClient({ ...options, token: () => token });
  const assistant = (await (
    await fetch(`${env.baseURL}/v1/assistants`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'test-model', instructions: 'Reply warmly.' }),
    })
  ).json()) as { id: string };
  const thread = await client.threads.create({
    messages: [{ role: 'user', content: '오늘 친구랑 커피 마셨어' }],
  });
  return { client, token, assistantId: assistant.id, threadId: thread.id };
}

async function storedReply(client: HaruClient, threadId: string) {
  const page = await client.messages.list(threadId, { limit: 1 });
  const message = page.data[0];
  check(message?.role === 'assistant', 'the newest stored message is the reply');
  return message;
}

/**
 * Streams a reply whose connection the proxy cuts after its first delta, checks that the client still
 * ends with the exact stored reply from one run, and answers the requests that recovery made.
 */
async function streamThroughACut(env: ScenarioEnv, recovery: RecoveryChoice) {
  const { client, token, assistantId, threadId } = await session(env, recovery);
  await env.cutNextStream();
  const requestsBefore = (await env.requestsSeen()).length;
  const stream = client.runs.stream(threadId, { assistant_id: assistantId });
  const snapshots: string[] = [];
  stream.on('textDelta', (_delta, snapshot) => snapshots.push(snapshot.value));
  const [message] = await stream.finalMessages();
  const run = await stream.finalRun();
  const requests = (await env.requestsSeen()).slice(requestsBefore);

  const stored = await storedReply(client, threadId);
  equal(run.status, 'completed', 'the run completed at the server');
  equal(stored.status, 'completed', 'the stored reply is complete');
  equal(messageText(message), messageText(stored), 'the client ends with the exact full text');
  equal(snapshots.at(-1), messageText(stored), 'listeners saw the text through to its end');
  check(
    snapshots.every((text, i) => i === 0 || text.startsWith(snapshots[i - 1] as string)),
    'each snapshot extends the last: nothing repeated',
  );
  const runs = (await fetch(`${env.baseURL}/v1/threads/${threadId}/runs`, {
    headers: { authorization: `Bearer ${token}` },
  }).then((r) => r.json())) as { data: unknown[] };
  equal(runs.data.length, 1, 'exactly one run: the POST was never sent again');
  return { requests, runPath: `/v1/threads/${threadId}/runs/${run.id}` };
}

export const scenarios = {
  async streamsARun(env: ScenarioEnv) {
    const { client, assistantId, threadId } = await session(env);
    const stream = client.runs.stream(threadId, { assistant_id: assistantId });
    const snapshots: string[] = [];
    let textCreated = 0;
    stream
      .on('textCreated', () => textCreated++)
      .on('textDelta', (_delta, snapshot) => snapshots.push(snapshot.value));
    const seen: string[] = [];
    for await (const event of stream) seen.push(event.event);

    const [message] = await stream.finalMessages();
    const stored = await storedReply(client, threadId);
    equal(message?.id, stored.id, 'the streamed message is the stored one');
    equal(messageText(message), messageText(stored), 'the streamed text is the stored text');
    check(messageText(stored).includes('😊'), 'emoji arrive intact');
    equal(textCreated, 1, 'textCreated fires once');
    check(snapshots.length >= 10, `the reply arrives in many deltas (${snapshots.length})`);
    check(
      snapshots.every((text, i) => i === 0 || text.startsWith(snapshots[i - 1] as string)),
      'each snapshot extends the last',
    );
    equal(snapshots.at(-1), messageText(stored), 'the last snapshot is the full reply');
    equal(seen[0], 'thread.run.created', 'first event');
    equal(seen.at(-1), 'done', 'last event');
    equal((await stream.finalRun()).status, 'completed', 'run status');
  },

  async cancelsARun(env: ScenarioEnv) {
    const { client, assistantId, threadId } = await session(env);
    const stream = client.runs.stream(threadId, { assistant_id: assistantId });
    stream.on('textDelta', () => stream.abort());
    const run = await stream.finalRun();
    equal(run.status, 'cancelled', 'the run is cancelled on the server');
    const [message] = await stream.finalMessages();
    const stored = await storedReply(client, threadId);
    equal(stored.status, 'incomplete', 'the partial reply is kept as incomplete');
    equal(messageText(message), messageText(stored), 'the client shows what the server kept');
    check(messageText(stored).length > 0, 'some text was kept');
    equal((await client.runs.retrieve(threadId, run.id)).status, 'cancelled', 'stored run status');
  },

  async survivesADroppedStream(env: ScenarioEnv) {
    const { requests, runPath } = await streamThroughACut(env, 'resume');
    const seen = `requests after the cut: ${requests.join(', ')}`;
    check(
      requests.some((request) => request.startsWith(`GET ${runPath}/stream?after=`)),
      `recovery reconnected on the gateway's resume route; ${seen}`,
    );
    check(!requests.includes(`GET ${runPath}`), `the resumed stream finished the run, no polling; ${seen}`);
  },

  async survivesADroppedStreamByPolling(env: ScenarioEnv) {
    const { requests, runPath } = await streamThroughACut(env, 'poll');
    check(requests.includes(`GET ${runPath}`), 'the run was polled');
    check(!requests.some((request) => request.includes('/stream')), 'polling never asks the resume route');
  },

  async surfacesErrorsAsTypedErrors(env: ScenarioEnv) {
    const { client, threadId } = await session(env);
    const stream = client.runs.stream(threadId, { assistant_id: 'asst_does_not_exist' });
    const error = await stream.done().then(
      () => undefined,
      (failure: unknown) => failure,
    );
    check(error instanceof HaruApiError, `a HaruApiError, got ${String(error)}`);
    equal(error.status, 404, 'status');
    equal(error.message, "No assistant found with id 'asst_does_not_exist'.", 'message');

    const stranger = createHaruClient({
      baseURL: env.baseURL,
      token: 'haru_not_a_token',
      transport: env.transport,
    });
    const denied = await stranger.messages.list(threadId).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    check(
      denied instanceof HaruApiError && denied.status === 401 && denied.code === 'invalid_api_key',
      'a 401',
    );
  },
};

export type ScenarioName = keyof typeof scenarios;
