import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { openAICompatibleProvider } from '../src/providers/openai-compatible.ts';
import { startFakeUpstream, type UpstreamScript } from './support/fake-upstream.ts';
import { startGateway, type TestGateway, userWithThread } from './support/gateway.ts';
import { parsed, readEvents } from './support/sse.ts';

// Every upstream fault, seen through a streamed run: the answer is a 200 stream that ends with `done`,
// the run ends as described, and its thread takes the next run. No 5xx, no run left hanging.

let upstream: Awaited<ReturnType<typeof startFakeUpstream>>;
let refused: TestGateway;
let gateway: TestGateway;

before(async () => {
  upstream = await startFakeUpstream({ pieces: ['Fine', ' now.'] });
  const provider = (baseURL: string) =>
    openAICompatibleProvider({
      baseURL,
      apiKey: 'sk-test',
      retry: { maxTotalMs: 400, baseDelayMs: 5 },
      idleTimeoutMs: 300,
    });
  gateway = await startGateway({ provider: provider(upstream.baseURL) });
  // A port that was free a moment ago: every connection to it is refused.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  refused = await startGateway({ provider: provider(`http://127.0.0.1:${port}/v1`) });
});

after(async () => {
  await gateway.close();
  await refused.close();
  await upstream.close();
});

type RunBody = { status: string; last_error: { code: string; message: string } | null };

async function streamedRun(target: TestGateway, script?: UpstreamScript) {
  const { token, assistantId, threadId } = await userWithThread(target);
  if (script) upstream.next(script);
  const response = await target.request(`/v1/threads/${threadId}/runs`, {
    token,
    json: { assistant_id: assistantId, stream: true },
  });
  assert.equal(response.status, 200);
  const events = await readEvents(response);
  upstream.reset();
  assert.equal(events.at(-1)?.event, 'done');
  const end = events.at(-2);
  assert.ok(end && /^thread\.run\.(completed|failed)$/.test(end.event), `ends with ${end?.event}`);
  const text = events
    .filter((e) => e.event === 'thread.message.delta')
    .map(
      (e) =>
        parsed<{ delta: { content: Array<{ text: { value: string } }> } }>(e).delta.content[0]?.text.value,
    )
    .join('');
  // No run left active: the thread takes another at once.
  const next = await target.request(`/v1/threads/${threadId}/runs`, {
    token,
    json: { assistant_id: assistantId },
  });
  assert.equal(next.status, 200, 'the thread accepts a new run');
  await target.engine.idle();
  return { run: parsed<RunBody>(end), text };
}

test('refused connections, retried until the time runs out, fail the run for users to retry', async () => {
  const { run } = await streamedRun(refused);
  assert.equal(run.status, 'failed');
  assert.equal(run.last_error?.code, 'server_error');
});

test('a 500, then success: the run completes with the text once', async () => {
  const { run, text } = await streamedRun(gateway, { pieces: ['Fine', ' now.'], statuses: [500] });
  assert.equal(run.status, 'completed');
  assert.equal(text, 'Fine now.');
});

test('a 429 with Retry-After, then success: the run completes with the text once', async () => {
  const { run, text } = await streamedRun(gateway, {
    pieces: ['Fine', ' now.'],
    statuses: [429],
    retryAfter: '0',
  });
  assert.equal(run.status, 'completed');
  assert.equal(text, 'Fine now.');
});

test('an error reported inside the stream before any text, then success: the run completes with the text once', async () => {
  const { run, text } = await streamedRun(gateway, {
    pieces: ['Fine', ' now.'],
    statuses: [{ stream: 'data: {"error":{"code":503,"message":"no capacity"}}\n\n' }],
  });
  assert.equal(run.status, 'completed');
  assert.equal(text, 'Fine now.');
});

test('a stall after the first token fails the run, keeping what came', async () => {
  const { run, text } = await streamedRun(gateway, { pieces: ['Fine', ' now.'], stallAfter: 1 });
  assert.equal(run.status, 'failed');
  assert.equal(run.last_error?.code, 'server_error');
  assert.equal(text, 'Fine');
});

test('a stream cut midway fails the run, keeping what came', async () => {
  const { run, text } = await streamedRun(gateway, { pieces: ['Fine', ' now.'], dropAfter: 1 });
  assert.equal(run.status, 'failed');
  assert.equal(text, 'Fine');
});

test('garbage in the stream fails the run cleanly', async () => {
  const { run } = await streamedRun(gateway, { pieces: ['Fine', ' now.'], garbageAfter: 1 });
  assert.equal(run.status, 'failed');
  assert.equal(run.last_error?.code, 'server_error');
});

test('content that is not text fails the run, never storing "[object Object]"', async () => {
  const { run, text } = await streamedRun(gateway, {
    pieces: ['Fine', ' now.'],
    contentValue: { nested: true },
  });
  assert.equal(run.status, 'failed');
  assert.doesNotMatch(text, /object|nested/);
});
