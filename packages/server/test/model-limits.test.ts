import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildModelRouter } from '../src/providers/build-backends.ts';
import { parseRoutingFile } from '../src/providers/routing-config.ts';

const routing = parseRoutingFile(
  {
    backends: {
      openai: { type: 'openai' },
      claude: { type: 'anthropic' },
      ollama: { type: 'openai-compatible', baseURL: 'http://127.0.0.1:11434/v1' },
    },
    models: {
      'gpt-*': 'openai',
      'claude-*': 'claude',
      'haru-small': { backend: 'ollama', model: 'qwen2.5:1.5b', contextWindow: 32_768 },
      'gpt-4o-via-proxy': { backend: 'ollama', model: 'gpt-4o' },
    },
  },
  'haru.config.json',
);
const router = buildModelRouter(routing, 'gpt-4o-mini', {
  env: { OPENAI_API_KEY: 'sk', ANTHROPIC_API_KEY: 'ant' },
  idleTimeoutMs: 1000,
  modelsDir: 'm',
});

test("OpenAI models are counted with their own tokenizer, under the backend's name for the model", async () => {
  assert.equal(await router.countTokens?.('gpt-4o-mini', 'hello world'), 2);
  assert.equal(await router.countTokens?.('gpt-3.5-turbo', 'hello world'), 2);
  assert.equal(await router.countTokens?.('gpt-4o-via-proxy', 'hello world'), 2);
  const korean = '오늘 하루는 정말 길었어요';
  const o200k = (await router.countTokens?.('gpt-4o', korean)) ?? 0;
  const cl100k = (await router.countTokens?.('gpt-4', korean)) ?? 0;
  assert.ok(
    o200k > 0 && o200k < cl100k,
    `o200k ${o200k} < cl100k ${cl100k}: the newer vocabulary packs Korean tighter`,
  );
});

test('models without a known tokenizer leave counting to the caller', async () => {
  assert.equal(await router.countTokens?.('claude-sonnet-4-5', 'hello'), undefined);
  assert.equal(await router.countTokens?.('haru-small', 'hello'), undefined);
  assert.equal(await router.countTokens?.('unrouted', 'hello'), undefined);
});

test('context windows: a route sets its own, else the vendor family’s published one', () => {
  assert.equal(router.contextWindow?.('haru-small'), 32_768);
  assert.equal(router.contextWindow?.('gpt-4o-mini'), 128_000);
  assert.equal(router.contextWindow?.('gpt-4.1-mini'), 1_047_576);
  assert.equal(router.contextWindow?.('claude-sonnet-4-5'), 200_000);
  assert.equal(router.contextWindow?.('unrouted'), undefined);
});
