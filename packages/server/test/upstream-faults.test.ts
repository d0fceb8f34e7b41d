import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StreamPart } from '../src/providers/model-provider.ts';
import {
  type OpenAICompatibleOptions,
  openAICompatibleProvider,
} from '../src/providers/openai-compatible.ts';
import { userMessages } from '../src/providers/upstream-errors.ts';
import { startFakeUpstream } from './support/fake-upstream.ts';

// Each test's outcome holds however fast the machine is: waits are either unbounded (a stall that never
// ends) or only checked from below (a retry no sooner than Retry-After).

let upstream: Awaited<ReturnType<typeof startFakeUpstream>>;
before(async () => {
  upstream = await startFakeUpstream();
});
after(() => upstream.close());

function provider(options: Partial<OpenAICompatibleOptions> = {}) {
  return openAICompatibleProvider({
    baseURL: upstream.baseURL,
    apiKey: 'sk-test',
    retry: { maxTotalMs: 10_000, baseDelayMs: 5 },
    ...options,
  });
}

async function collect(parts: AsyncIterable<StreamPart>) {
  const collected: StreamPart[] = [];
  for await (const part of parts) collected.push(part);
  return collected;
}

const request = (signal = new AbortController().signal) => ({
  model: 'test-model',
  messages: [{ role: 'user' as const, content: 'How was the walk?' }],
  signal,
});

const textOf = (parts: StreamPart[]) =>
  parts.flatMap((part) => (part.type === 'text-delta' ? [part.text] : [])).join('');

/** The one error part a failed stream must end with; user messages are ours, never upstream text. */
function errorOf(parts: StreamPart[]) {
  const last = parts.at(-1);
  assert.equal(last?.type, 'error', `ends with an error: ${JSON.stringify(parts)}`);
  assert.equal(parts.filter((part) => part.type === 'error' || part.type === 'finish').length, 1);
  if (last?.type !== 'error') throw new Error('unreachable');
  assert.ok(Object.values(userMessages).includes(last.message as never), last.message);
  return last;
}

async function eventually(check: () => boolean) {
  while (!check()) await sleep(5);
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

test('refused until the time for retries runs out: the server could not be reached', async () => {
  const port = await freePort();
  const parts = await collect(
    provider({ baseURL: `http://127.0.0.1:${port}/v1`, retry: { maxTotalMs: 100, baseDelayMs: 5 } }).stream(
      request(),
    ),
  );
  const error = errorOf(parts);
  assert.equal(error.code, 'server_error');
  assert.equal(error.message, 'The model server could not be reached.');
  assert.match(error.detail ?? '', new RegExp(`127\\.0\\.0\\.1:${port}.*ECONNREFUSED`));
});

test('refused while the model server starts, then answered: the reply arrives once', async () => {
  const port = await freePort();
  const reply = collect(provider({ baseURL: `http://127.0.0.1:${port}/v1` }).stream(request()));
  await sleep(50);
  const late = await startFakeUpstream({ pieces: ['Up ', 'now.'] }, { port });
  try {
    const parts = await reply;
    assert.equal(textOf(parts), 'Up now.');
    assert.equal(parts.at(-1)?.type, 'finish');
    assert.equal(late.requests.length, 1);
  } finally {
    await late.close();
  }
});

test('a connection reset before any answer is retried', async () => {
  upstream.next({ pieces: ['Still ', 'here.'], statuses: ['reset'] });
  const sentBefore = upstream.requests.length;
  const parts = await collect(provider().stream(request()));
  assert.equal(textOf(parts), 'Still here.');
  assert.equal(upstream.requests.length - sentBefore, 2);
});

test('a 500 and a 503, then a reply: the text arrives once, with no duplicate', async () => {
  upstream.next({ pieces: ['Only ', 'once.'], statuses: [500, 503] });
  const sentBefore = upstream.requests.length;
  const parts = await collect(provider().stream(request()));
  assert.deepEqual(
    parts.map((part) => part.type).filter((type, index, types) => type !== types[index - 1]),
    ['text-delta', 'finish'],
  );
  assert.equal(textOf(parts), 'Only once.');
  assert.equal(upstream.requests.length - sentBefore, 3);
});

test('a 429 with Retry-After is retried no sooner than the upstream asked', async () => {
  upstream.next({ pieces: ['Thanks ', 'for waiting.'], statuses: [429], retryAfter: '1' });
  const sentBefore = upstream.requests.length;
  const parts = await collect(provider().stream(request()));
  assert.equal(textOf(parts), 'Thanks for waiting.');
  const [first, second] = upstream.requests.slice(sentBefore);
  assert.ok(first && second, 'asked twice');
  assert.ok(second.receivedAt - first.receivedAt >= 1000, `${second.receivedAt - first.receivedAt} ms`);
});

test('429 on every attempt: rate_limit_exceeded once the time for retries is spent', async () => {
  const busy = await startFakeUpstream({ pieces: [], status: 429 });
  try {
    const maxTotalMs = 300;
    const started = performance.now();
    const parts = await collect(
      provider({ baseURL: busy.baseURL, retry: { maxTotalMs, baseDelayMs: 10 } }).stream(request()),
    );
    const elapsed = performance.now() - started;
    const error = errorOf(parts);
    assert.equal(error.code, 'rate_limit_exceeded');
    assert.equal(error.message, 'The model is busy right now; please try again in a moment.');
    assert.match(error.detail ?? '', /429: upstream says 429/);
    assert.ok(elapsed >= maxTotalMs, `gave up after ${elapsed} ms`);
  } finally {
    await busy.close();
  }
});

test('a Retry-After longer than the time left fails at once instead of waiting', async () => {
  upstream.next({ pieces: [], statuses: [429], retryAfter: '3600' });
  const sentBefore = upstream.requests.length;
  const parts = await collect(provider().stream(request()));
  assert.equal(errorOf(parts).code, 'rate_limit_exceeded');
  assert.equal(upstream.requests.length - sentBefore, 1);
  upstream.reset();
});

test('5xx on every attempt: a server_error for users, the status and upstream text for the log', async () => {
  const failing = await startFakeUpstream({ pieces: [], status: 502 });
  try {
    const parts = await collect(
      provider({ baseURL: failing.baseURL, retry: { maxTotalMs: 50, baseDelayMs: 5 } }).stream(request()),
    );
    const error = errorOf(parts);
    assert.equal(error.code, 'server_error');
    assert.equal(error.message, userMessages.failing);
    assert.match(error.detail ?? '', /502: upstream says 502/);
  } finally {
    await failing.close();
  }
});

test('an upstream that never answers is cut after the idle timeout', async () => {
  upstream.next({ pieces: [], silent: true });
  const sentBefore = upstream.requests.length;
  const parts = await collect(provider({ idleTimeoutMs: 100 }).stream(request()));
  const error = errorOf(parts);
  assert.equal(error.code, 'server_error');
  assert.equal(error.message, 'The model server did not answer in time.');
  assert.equal(upstream.requests.length - sentBefore, 1, 'silence is not retried');
  await eventually(() => upstream.requests.at(-1)?.abandoned === true);
});

test('an upstream that falls silent after the first token is cut, and the run fails', async () => {
  upstream.next({ pieces: ['Half ', 'a thought'], stallAfter: 1 });
  const parts = await collect(provider({ idleTimeoutMs: 100 }).stream(request()));
  assert.equal(textOf(parts), 'Half ');
  const error = errorOf(parts);
  assert.equal(error.message, 'The model stopped answering midway.');
  await eventually(() => upstream.requests.at(-1)?.abandoned === true);
});

test('keep-alive comments count as activity: a long pause with them is not cut', async () => {
  upstream.next({ pieces: ['Thinking', '... done.'], stallAfter: 1, stallMs: 600, keepAliveEveryMs: 10 });
  const parts = await collect(provider({ idleTimeoutMs: 300 }).stream(request()));
  assert.equal(textOf(parts), 'Thinking... done.');
  assert.equal(parts.at(-1)?.type, 'finish');
});

test('a connection cut after the first token is an error, and is not retried', async () => {
  upstream.next({ pieces: ['One ', 'two ', 'three'], dropAfter: 1 });
  const sentBefore = upstream.requests.length;
  const parts = await collect(provider().stream(request()));
  assert.equal(textOf(parts), 'One ');
  assert.equal(errorOf(parts).message, 'The model stopped answering midway.');
  assert.equal(upstream.requests.length - sentBefore, 1);
});

test('a malformed chunk ends the reply with an error, and what came before it stays', async () => {
  upstream.next({ pieces: ['Fine ', 'so far', 'and more'], garbageAfter: 1, stallAfter: 2 });
  const parts = await collect(provider().stream(request()));
  assert.equal(textOf(parts), 'Fine ');
  const error = errorOf(parts);
  assert.equal(error.message, userMessages.unreadable);
  assert.match(error.detail ?? '', /not JSON/);
  await eventually(() => upstream.requests.at(-1)?.abandoned === true);
});

test('content that is not text is an error, never "[object Object]" or a number in the reply', async () => {
  for (const contentValue of [{ text: 'hi' }, 42, ['a']]) {
    upstream.next({ pieces: ['x'], contentValue });
    const parts = await collect(provider().stream(request()));
    assert.equal(textOf(parts), '', JSON.stringify(contentValue));
    assert.match(errorOf(parts).detail ?? '', /delta\.content is not text/);
  }
});

test('an error the upstream reports inside the stream is a server_error with its text kept for the log', async () => {
  upstream.next({
    pieces: [],
    raw: 'data: {"choices":[{"delta":{"content":"Hi"}}]}\n\ndata: {"error":{"message":"overloaded"}}\n\n',
  });
  const parts = await collect(provider().stream(request()));
  assert.equal(textOf(parts), 'Hi');
  const error = errorOf(parts);
  assert.equal(error.message, userMessages.failedMidway);
  assert.equal(error.detail, 'overloaded');
});

// As OpenRouter reports a provider's failure: HTTP 200, then an error event with the status in `code`.
const inStreamError = (code: number | string, message = 'Provider returned error') => ({
  stream: `data: ${JSON.stringify({ error: { code, message } })}\n\ndata: [DONE]\n\n`,
});

test('an error reported inside a 200 stream before any text is asked again, and the reply arrives once', async () => {
  upstream.next({
    pieces: ['Back ', 'again.'],
    statuses: [inStreamError(502), inStreamError('server_error')],
  });
  const sentBefore = upstream.requests.length;
  const parts = await collect(provider().stream(request()));
  assert.equal(textOf(parts), 'Back again.');
  assert.equal(parts.at(-1)?.type, 'finish');
  assert.equal(upstream.requests.length - sentBefore, 3);
});

test('a rate limit reported inside the stream on every attempt is rate_limit_exceeded once retries are spent', async () => {
  upstream.next({ pieces: ['never'], statuses: Array.from({ length: 1000 }, () => inStreamError(429)) });
  const parts = await collect(provider({ retry: { maxTotalMs: 100, baseDelayMs: 5 } }).stream(request()));
  upstream.reset();
  const error = errorOf(parts);
  assert.equal(error.code, 'rate_limit_exceeded');
  assert.equal(error.message, userMessages.busy);
  assert.match(error.detail ?? '', /429: reported in the stream: Provider returned error/);
});

test('a rejection reported inside the stream before any text is not asked again', async () => {
  upstream.next({ pieces: ['never'], statuses: [inStreamError('invalid_request_error', 'bad tools')] });
  const sentBefore = upstream.requests.length;
  const parts = await collect(provider().stream(request()));
  upstream.reset();
  assert.equal(errorOf(parts).code, 'invalid_prompt');
  assert.equal(upstream.requests.length - sentBefore, 1);
});

test('a connection cut after the 200 but before any text is asked again', async () => {
  upstream.next({ pieces: ['Whole ', 'reply.'], statuses: [{ stream: ': warming up\n\n', cut: true }] });
  const sentBefore = upstream.requests.length;
  const parts = await collect(provider().stream(request()));
  assert.equal(textOf(parts), 'Whole reply.');
  assert.equal(upstream.requests.length - sentBefore, 2);
});

test('cancelling mid-reply stops the stream at once, hangs up, and yields no error', {
  timeout: 10_000,
}, async () => {
  upstream.next({ pieces: ['a ', 'b ', 'c'], stallAfter: 1 });
  const abort = new AbortController();
  const parts: StreamPart[] = [];
  for await (const part of provider().stream(request(abort.signal))) {
    parts.push(part);
    abort.abort();
  }
  assert.deepEqual(parts, [{ type: 'text-delta', text: 'a ' }]);
  await eventually(() => upstream.requests.at(-1)?.abandoned === true);
});

test('cancelling while waiting for the first answer, or between retries, ends without an error', {
  timeout: 10_000,
}, async () => {
  for (const script of [
    { pieces: [], silent: true },
    { pieces: ['never'], statuses: [503] },
  ]) {
    upstream.next(script);
    const sentBefore = upstream.requests.length;
    const abort = new AbortController();
    // Waits far longer than any test: only the cancellation can end them.
    const parts = collect(
      provider({ idleTimeoutMs: 600_000, retry: { maxTotalMs: 600_000, baseDelayMs: 300_000 } }).stream(
        request(abort.signal),
      ),
    );
    await eventually(() => upstream.requests.length > sentBefore);
    // Usually long enough for the 503 to arrive and the backoff to begin; either way only the abort ends it.
    await sleep(50);
    abort.abort();
    assert.deepEqual(await parts, [], JSON.stringify(script));
    upstream.reset();
  }
});

test('a stream cancelled before it starts sends nothing', async () => {
  const sentBefore = upstream.requests.length;
  const parts = await collect(provider().stream(request(AbortSignal.abort())));
  assert.deepEqual(parts, []);
  assert.equal(upstream.requests.length, sentBefore);
});
