import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { chatCompletionRequest, maxTokensFieldFor } from '../src/providers/chat-completion-request.ts';
import type { StreamPart } from '../src/providers/model-provider.ts';
import { openAICompatibleProvider } from '../src/providers/openai-compatible.ts';
import { userMessages } from '../src/providers/upstream-errors.ts';
import { startFakeUpstream } from './support/fake-upstream.ts';

const recorded = readFileSync(new URL('./fixtures/chat-completions-korean.sse', import.meta.url));
const fastRetry = { maxTotalMs: 200, baseDelayMs: 5 };

let upstream: Awaited<ReturnType<typeof startFakeUpstream>>;
before(async () => {
  upstream = await startFakeUpstream();
});
after(() => upstream.close());

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

test('a recorded Chat Completions stream becomes text deltas and a finish with usage, at any write size', async () => {
  const provider = openAICompatibleProvider({ baseURL: `${upstream.baseURL}/`, apiKey: 'sk-secret' });
  for (const writeBytes of [1, 3, 64, recorded.length]) {
    upstream.next({ pieces: [], raw: recorded, writeBytes });
    const parts = await collect(provider.stream(request()));
    const text = parts.flatMap((p) => (p.type === 'text-delta' ? [p.text] : [])).join('');
    assert.equal(
      text,
      '산책하면서 마음이 조금 가벼워졌겠어요 🌿 어디를 걸었어요?',
      `write size ${writeBytes}`,
    );
    assert.deepEqual(parts.at(-1), {
      type: 'finish',
      reason: 'stop',
      usage: { promptTokens: 42, completionTokens: 17 },
    });
    const sent = upstream.requests.at(-1);
    assert.equal(sent?.path, '/v1/chat/completions');
    assert.equal(sent?.authorization, 'Bearer sk-secret');
    assert.equal(sent?.body.stream, true);
    assert.deepEqual((sent?.body as { stream_options?: unknown } | undefined)?.stream_options, {
      include_usage: true,
    });
    assert.equal(sent?.body.temperature, 0.5);
  }
});

test('a refused key is an error part: a plain message for users, the upstream text for the log', async () => {
  upstream.next({ pieces: [], status: 401 });
  const provider = openAICompatibleProvider({ baseURL: upstream.baseURL, apiKey: 'k', retry: fastRetry });
  const parts = await collect(provider.stream(request()));
  assert.equal(parts.length, 1);
  const [part] = parts;
  assert.equal(part?.type, 'error');
  if (part?.type !== 'error') return;
  assert.equal(part.code, 'server_error');
  assert.equal(part.message, userMessages.keyRefused);
  assert.match(part.detail ?? '', /401: upstream says 401/);
});

test('rejected requests keep their OpenAI error codes and are not retried', async () => {
  for (const [status, code, message] of [
    [400, 'invalid_prompt', userMessages.rejected],
    [404, 'invalid_prompt', userMessages.unknownModel],
    [413, 'invalid_prompt', userMessages.tooLong],
    [422, 'invalid_prompt', userMessages.rejected],
    [403, 'server_error', userMessages.keyRefused],
  ] as const) {
    upstream.next({ pieces: [], status });
    const sentBefore = upstream.requests.length;
    const provider = openAICompatibleProvider({ baseURL: upstream.baseURL, apiKey: 'k', retry: fastRetry });
    const parts = await collect(provider.stream(request()));
    assert.deepEqual(
      parts.map((part) => part.type === 'error' && [part.code, part.message]),
      [[code, message]],
      `status ${status}`,
    );
    assert.equal(upstream.requests.length - sentBefore, 1, `status ${status} is asked once`);
  }
});

test('a stream that ends before a finish reason is an error, not a silent success', async () => {
  upstream.next({ pieces: [], raw: recorded.subarray(0, recorded.indexOf('가벼워')) });
  const provider = openAICompatibleProvider({ baseURL: upstream.baseURL, apiKey: 'k' });
  const parts = await collect(provider.stream(request()));
  assert.deepEqual(parts.at(-1), {
    type: 'error',
    code: 'server_error',
    message: userMessages.stoppedMidway,
    detail: 'the stream ended without a finish_reason',
  });
});

test('an unreachable model server is an error whose user message names no host, and nothing names the key', async () => {
  const provider = openAICompatibleProvider({
    baseURL: 'http://127.0.0.1:9/v1',
    apiKey: 'sk-never-shown',
    retry: fastRetry,
  });
  const parts = await collect(provider.stream(request()));
  assert.equal(parts.length, 1);
  const part = parts[0];
  assert.equal(part?.type, 'error');
  if (part?.type !== 'error') return;
  assert.equal(part.message, userMessages.unreachable);
  assert.match(part.detail ?? '', /127\.0\.0\.1:9/, 'the log says where');
  assert.doesNotMatch(JSON.stringify(part), /sk-never-shown/);
});

test("the reply's token limit goes by the name its server knows: max_completion_tokens for OpenAI, max_tokens elsewhere", () => {
  const limited = {
    model: 'o4-mini',
    messages: [{ role: 'user' as const, content: 'hi' }],
    maxTokens: 64,
    signal: new AbortController().signal,
  };
  const openai: Record<string, unknown> = chatCompletionRequest(
    limited,
    maxTokensFieldFor(new URL('https://api.openai.com/v1/chat/completions')),
  );
  assert.equal(openai.max_completion_tokens, 64);
  assert.equal('max_tokens' in openai, false, "OpenAI's reasoning models refuse max_tokens");
  const ollama: Record<string, unknown> = chatCompletionRequest(
    limited,
    maxTokensFieldFor(new URL('http://127.0.0.1:11434/v1/chat/completions')),
  );
  assert.equal(ollama.max_tokens, 64);
  assert.equal('max_completion_tokens' in ollama, false);
});
