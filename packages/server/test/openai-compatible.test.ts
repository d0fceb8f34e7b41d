import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { StreamPart } from '../src/providers/model-provider.ts';
import { openAICompatibleProvider } from '../src/providers/openai-compatible.ts';

const recorded = readFileSync(new URL('./fixtures/chat-completions-korean.sse', import.meta.url));

/** A fetch that answers with `body` cut into `size`-byte reads, and records what it was asked. */
function fakeFetch(body: Uint8Array, size: number, init: { status?: number } = {}) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetch = async (url: string | URL | Request, requestInit?: RequestInit) => {
    calls.push({ url: String(url), init: requestInit ?? {} });
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < body.length; at += size) controller.enqueue(body.subarray(at, at + size));
        controller.close();
      },
    });
    return new Response(stream, {
      status: init.status ?? 200,
      headers: { 'content-type': 'text/event-stream' },
    });
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

async function collect(parts: AsyncIterable<StreamPart>) {
  const collected: StreamPart[] = [];
  for await (const part of parts) collected.push(part);
  return collected;
}

const request = (signal = new AbortController().signal) => ({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user' as const, content: '오늘 산책했어' }],
  temperature: 0.5,
  signal,
});

test('a recorded Chat Completions stream becomes text deltas and a finish with usage, at any read size', async () => {
  for (const size of [1, 3, 64, recorded.length]) {
    const { fetch, calls } = fakeFetch(recorded, size);
    const provider = openAICompatibleProvider({
      baseURL: 'http://models.test/v1/',
      apiKey: 'sk-secret',
      fetch,
    });
    const parts = await collect(provider.stream(request()));
    const text = parts.flatMap((p) => (p.type === 'text-delta' ? [p.text] : [])).join('');
    assert.equal(text, '산책하면서 마음이 조금 가벼워졌겠어요 🌿 어디를 걸었어요?', `read size ${size}`);
    assert.deepEqual(parts.at(-1), {
      type: 'finish',
      reason: 'stop',
      usage: { promptTokens: 42, completionTokens: 17 },
    });
    assert.equal(calls[0]?.url, 'http://models.test/v1/chat/completions');
    const headers = new Headers(calls[0]?.init.headers);
    assert.equal(headers.get('authorization'), 'Bearer sk-secret');
    const body = JSON.parse(String(calls[0]?.init.body));
    assert.equal(body.stream, true);
    assert.deepEqual(body.stream_options, { include_usage: true });
    assert.equal(body.temperature, 0.5);
  }
});

test('an error status becomes an error part: a plain message for users, the upstream text for the log', async () => {
  const body = new TextEncoder().encode(
    JSON.stringify({ error: { message: 'Incorrect API key provided: sk-...abcd' } }),
  );
  const { fetch } = fakeFetch(body, body.length, { status: 401 });
  const provider = openAICompatibleProvider({ baseURL: 'http://models.test/v1', apiKey: 'k', fetch });
  const parts = await collect(provider.stream(request()));
  assert.deepEqual(parts, [
    {
      type: 'error',
      code: 'server_error',
      message: "The gateway's model server key was refused (401).",
      detail: 'Incorrect API key provided: sk-...abcd',
    },
  ]);
});

test('an upstream rate limit and a rejected prompt keep their OpenAI error codes', async () => {
  for (const [status, code] of [
    [429, 'rate_limit_exceeded'],
    [400, 'invalid_prompt'],
    [503, 'server_error'],
  ] as const) {
    const { fetch } = fakeFetch(new Uint8Array(), 0, { status });
    const provider = openAICompatibleProvider({ baseURL: 'http://models.test/v1', apiKey: 'k', fetch });
    const [part] = await collect(provider.stream(request()));
    assert.equal(part?.type === 'error' && part.code, code, `status ${status}`);
    assert.match(part?.type === 'error' ? part.message : '', new RegExp(String(status)));
  }
});

test('a stream that ends before a finish reason is an error, not a silent success', async () => {
  const cut = recorded.subarray(0, recorded.indexOf('가벼워'));
  const { fetch } = fakeFetch(cut, 50);
  const provider = openAICompatibleProvider({ baseURL: 'http://models.test/v1', apiKey: 'k', fetch });
  const parts = await collect(provider.stream(request()));
  assert.equal(parts.at(-1)?.type, 'error');
});

test('an unreachable model server is an error whose user message names no host, and nothing names the key', async () => {
  const provider = openAICompatibleProvider({ baseURL: 'http://127.0.0.1:9/v1', apiKey: 'sk-never-shown' });
  const parts = await collect(provider.stream(request()));
  assert.equal(parts.length, 1);
  const part = parts[0];
  assert.equal(part?.type, 'error');
  if (part?.type !== 'error') return;
  assert.equal(part.message, 'Could not reach the model server.');
  assert.match(part.detail ?? '', /127\.0\.0\.1:9/, 'the log says where');
  assert.doesNotMatch(JSON.stringify(part), /sk-never-shown/);
});
