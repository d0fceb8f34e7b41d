import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ConfigError } from '../src/config.ts';
import { buildModelRouter } from '../src/providers/build-backends.ts';
import type { GenerateRequest, ModelProvider, StreamPart } from '../src/providers/model-provider.ts';
import { createModelRouter } from '../src/providers/model-router.ts';
import { offlineCompanionName } from '../src/providers/offline-companion.ts';
import { loadRouting, parseRoutingFile, routingFromEnv } from '../src/providers/routing-config.ts';
import { startFakeUpstream } from './support/fake-upstream.ts';
import { startGateway } from './support/gateway.ts';
import { type MessageBody, messageText } from './support/gateway-client.ts';

const envDefaults = { OPENAI_BASE_URL: 'https://api.openai.com/v1', HARU_UPSTREAM_IDLE_TIMEOUT_MS: 60_000 };

/** A backend that answers with its own name and records the model it was asked for. */
function namedBackend(name: string) {
  const asked: string[] = [];
  const provider: ModelProvider = {
    name,
    async *stream(request: GenerateRequest): AsyncGenerator<StreamPart> {
      asked.push(request.model);
      yield { type: 'text-delta', text: `from ${name}` };
      yield { type: 'finish', reason: 'stop', usage: { promptTokens: 1, completionTokens: 2 } };
    },
  };
  return { provider, asked };
}

function invalid(json: unknown): string {
  try {
    parseRoutingFile(json, 'haru.config.json');
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.message;
  }
  assert.fail('the routing file was accepted');
}

test('a routing file with mistakes is refused at start with every mistake named', () => {
  const message = invalid({
    backends: {
      ollama: { type: 'openai-compatible', baseURL: 'not a url' },
      claude: { type: 'antropic' },
      local: { type: 'local', model: 'm.gguf', sha256: 'abc' },
    },
    models: { 'a*b': 'ollama' },
  });
  assert.match(message, /Invalid routing file haru\.config\.json/);
  assert.match(message, /backends\.ollama\.baseURL/);
  assert.match(message, /backends\.claude\.type/);
  assert.match(message, /backends\.local\.sha256: use the 64 hex digits/);
  assert.match(message, /models\.a\*b: a `\*` may only end a model name/);
  assert.match(
    invalid({
      backends: { ollama: { type: 'openai-compatible', baseURL: 'http://localhost:11434/v1' } },
      models: { 'gpt-4o-mini': 'olama' },
    }),
    /models\.gpt-4o-mini: no backend named 'olama' \(backends: ollama\)/,
  );
  assert.match(invalid({ backends: {}, models: {} }), /models: map at least one model to a backend/);
  assert.match(invalid({ backends: {}, models: {}, extra: 1 }), /extra/);
});

test('the routing file is found by HARU_CONFIG or in the working directory, and its JSON is checked', () => {
  const dir = mkdtempSync(join(tmpdir(), 'haru-routing-'));
  const file = {
    backends: { companion: { type: 'offline' } },
    models: { 'gpt-4o-mini': { backend: 'companion', model: 'anything' } },
  };
  writeFileSync(join(dir, 'haru.config.json'), JSON.stringify(file));
  const found = loadRouting(envDefaults, dir);
  assert.equal(found.source, 'haru.config.json');
  assert.deepEqual(found.routes, [{ name: 'gpt-4o-mini', backend: 'companion', model: 'anything' }]);

  writeFileSync(join(dir, 'broken.json'), '{ "backends": ');
  assert.throws(
    () => loadRouting({ ...envDefaults, HARU_CONFIG: 'broken.json' }, dir),
    (error: unknown) => error instanceof ConfigError && /broken\.json is not valid JSON/.test(error.message),
  );
  assert.throws(
    () => loadRouting({ ...envDefaults, HARU_CONFIG: 'missing.json' }, dir),
    (error: unknown) =>
      error instanceof ConfigError && /Cannot read the routing file missing\.json/.test(error.message),
  );
  assert.equal(loadRouting(envDefaults, tmpdir()).source, 'environment');
});

test('environment shorthands: vendors by prefix, the rest to the local model, the OpenAI-compatible server or the companion', () => {
  assert.deepEqual(routingFromEnv(envDefaults).routes, [{ name: '*', backend: 'offline' }]);
  assert.deepEqual(routingFromEnv({ ...envDefaults, OPENAI_API_KEY: 'sk' }).routes, [
    { name: '*', backend: 'openai-compatible' },
  ]);
  const all = routingFromEnv({
    ...envDefaults,
    OPENAI_API_KEY: 'sk',
    ANTHROPIC_API_KEY: 'ant',
    GOOGLE_GENERATIVE_AI_API_KEY: 'g',
    HARU_LOCAL_MODEL: 'hf:Qwen/Qwen2.5-1.5B-Instruct-GGUF/qwen2.5-1.5b-instruct-q4_k_m.gguf',
  });
  assert.deepEqual(
    all.routes.map((route) => `${route.name}→${route.backend}`),
    ['claude-*→anthropic', 'gemini-*→google', '*→local'],
  );
});

test('a backend whose key is not set stops the start, naming the variable', () => {
  const routing = parseRoutingFile(
    { backends: { claude: { type: 'anthropic' } }, models: { 'claude-*': 'claude' } },
    'haru.config.json',
  );
  assert.throws(
    () => buildModelRouter(routing, 'claude-sonnet-4-5', { env: {}, idleTimeoutMs: 1000, modelsDir: 'm' }),
    (error: unknown) =>
      error instanceof ConfigError &&
      error.message === "The backend 'claude' needs an API key: set ANTHROPIC_API_KEY.",
  );
});

test('the router: exact names before patterns, longer prefixes first, aliases renamed for the backend', async () => {
  const local = namedBackend('local');
  const claude = namedBackend('claude');
  const fallback = namedBackend('fallback');
  const router = createModelRouter({
    backends: { local: local.provider, claude: claude.provider, fallback: fallback.provider },
    routes: [
      { name: '*', backend: 'fallback' },
      { name: 'claude-*', backend: 'claude' },
      { name: 'claude-haiku-*', backend: 'local', model: 'qwen2.5:1.5b' },
      { name: 'gpt-4o-mini', backend: 'local', model: 'qwen2.5:1.5b', contextWindow: 32768 },
    ],
    defaultModel: 'haru-default',
  });
  const answer = async (model: string) => {
    const parts: StreamPart[] = [];
    for await (const part of router.stream({ model, messages: [], signal: new AbortController().signal })) {
      parts.push(part);
    }
    return parts[0]?.type === 'text-delta' ? parts[0].text : undefined;
  };
  assert.equal(await answer('gpt-4o-mini'), 'from local');
  assert.equal(await answer('claude-sonnet-4-5'), 'from claude');
  assert.equal(await answer('claude-haiku-4-5'), 'from local');
  assert.equal(await answer('anything-else'), 'from fallback');
  assert.deepEqual(local.asked, ['qwen2.5:1.5b', 'qwen2.5:1.5b']);
  assert.deepEqual(claude.asked, ['claude-sonnet-4-5']);
  assert.equal(router.backendName('claude-haiku-4-5'), 'local');
  assert.equal(router.contextWindow?.('gpt-4o-mini'), 32768);
  assert.deepEqual(
    router.list().map((model) => `${model.id}:${model.ownedBy}`),
    ['haru-default:fallback', 'gpt-4o-mini:local'],
  );
});

test('a model no route matches is an error part naming the configured models', async () => {
  const router = createModelRouter({
    backends: { local: namedBackend('local').provider },
    routes: [{ name: 'gpt-4o-mini', backend: 'local' }],
    defaultModel: 'gpt-4o-mini',
  });
  const parts: StreamPart[] = [];
  for await (const part of router.stream({
    model: 'gpt-5',
    messages: [],
    signal: new AbortController().signal,
  })) {
    parts.push(part);
  }
  assert.deepEqual(parts, [
    {
      type: 'error',
      code: 'invalid_prompt',
      message: "The model 'gpt-5' is not configured on this gateway. Configured models: gpt-4o-mini.",
    },
  ]);
});

let upstream: Awaited<ReturnType<typeof startFakeUpstream>>;
before(async () => {
  upstream = await startFakeUpstream({ pieces: ['Hello from ', 'the local server'] });
});
after(() => upstream.close());

/** A gateway routed by a file: gpt-4o-mini to an OpenAI-compatible server, claude-* to the companion. */
async function routedGateway() {
  const routing = parseRoutingFile(
    {
      backends: {
        ollama: { type: 'openai-compatible', baseURL: upstream.baseURL },
        companion: { type: 'offline' },
      },
      models: {
        'gpt-4o-mini': { backend: 'ollama', model: 'qwen2.5:1.5b-instruct' },
        'haru-companion': 'companion',
        'test-model': 'companion',
        'claude-*': 'companion',
        'meta-llama/llama-3.1-8b-instruct': 'companion',
      },
    },
    'haru.config.json',
  );
  const router = buildModelRouter(routing, 'gpt-4o-mini', { env: {}, idleTimeoutMs: 5000, modelsDir: 'm' });
  return startGateway({ provider: router, models: router });
}

test('GET /v1/models lists the configured models in OpenAI’s shape, marking the offline companion', async () => {
  const gateway = await routedGateway();
  try {
    const token = await gateway.newUser();
    const list = await gateway.call<{ object: string; data: Array<Record<string, unknown>> }>('/v1/models', {
      token,
    });
    assert.equal(list.object, 'list');
    assert.deepEqual(
      list.data.map(({ id, object, owned_by }) => ({ id, object, owned_by })),
      [
        { id: 'gpt-4o-mini', object: 'model', owned_by: 'ollama' },
        { id: 'haru-companion', object: 'model', owned_by: offlineCompanionName },
        { id: 'test-model', object: 'model', owned_by: offlineCompanionName },
        { id: 'meta-llama/llama-3.1-8b-instruct', object: 'model', owned_by: offlineCompanionName },
      ],
    );
    // A name with a slash, sent as clients send it: escaped, and (older openai SDKs) not.
    for (const path of ['meta-llama%2Fllama-3.1-8b-instruct', 'meta-llama/llama-3.1-8b-instruct']) {
      const named = await gateway.call<{ id: string }>(`/v1/models/${path}`, { token });
      assert.equal(named.id, 'meta-llama/llama-3.1-8b-instruct', path);
    }
    const missingWithSlash = await gateway.request('/v1/models/meta-llama/nothing', { token });
    assert.equal(missingWithSlash.status, 404);
    const { error } = (await missingWithSlash.json()) as { error: { type: string } };
    assert.equal(error.type, 'invalid_request_error');
    const byPattern = await gateway.call<{ id: string; owned_by: string }>('/v1/models/claude-sonnet-4-5', {
      token,
    });
    assert.deepEqual([byPattern.id, byPattern.owned_by], ['claude-sonnet-4-5', offlineCompanionName]);
    const missing = await gateway.request('/v1/models/gpt-5', { token });
    assert.equal(missing.status, 404);
    const missingError = ((await missing.json()) as { error: { code: string; message: string } }).error;
    assert.equal(missingError.code, 'model_not_found', 'as OpenAI names it');
    assert.match(missingError.message, /gpt-5/);
    const withoutV1 = await gateway.request('/assistants', { token });
    assert.match(
      ((await withoutV1.json()) as { error: { message: string } }).error.message,
      /base URL .*\/v1/,
      'an SDK pointed at the bare address is told to add /v1',
    );
    assert.equal((await gateway.request('/v1/models')).status, 401);
  } finally {
    await gateway.close();
  }
});

test('an assistant or run with a model that maps nowhere answers 400 naming the configured models, and stores nothing', async () => {
  const gateway = await routedGateway();
  try {
    const { token, assistantId, threadId } = await gateway.userWithThread();
    const expected = {
      message:
        "The model 'gpt-5' is not configured on this gateway. Configured models: gpt-4o-mini, haru-companion, test-model, claude-*, meta-llama/llama-3.1-8b-instruct.",
      type: 'invalid_request_error',
      param: 'model',
      code: 'model_not_found',
    };
    const attempts = [
      gateway.request('/v1/assistants', { token, json: { model: 'gpt-5' } }),
      gateway.request(`/v1/assistants/${assistantId}`, { token, json: { model: 'gpt-5' } }),
      gateway.request(`/v1/threads/${threadId}/runs`, {
        token,
        json: { assistant_id: assistantId, model: 'gpt-5' },
      }),
      gateway.request('/v1/threads/runs', { token, json: { assistant_id: assistantId, model: 'gpt-5' } }),
    ];
    for (const response of await Promise.all(attempts)) {
      assert.equal(response.status, 400);
      assert.deepEqual(((await response.json()) as { error: unknown }).error, expected);
    }
    const assistants = await gateway.call<{ data: unknown[] }>('/v1/assistants', { token });
    assert.equal(assistants.data.length, 1);
    const runs = await gateway.call<{ data: unknown[] }>(`/v1/threads/${threadId}/runs`, { token });
    assert.equal(runs.data.length, 0);
  } finally {
    await gateway.close();
  }
});

test('an app asking for gpt-4o-mini is served by the backend it maps to, under that backend’s model name, and the reply says which backend wrote it', async () => {
  const gateway = await routedGateway();
  try {
    const token = await gateway.newUser();
    const thread = await gateway.call<{ id: string }>('/v1/threads', {
      token,
      json: { messages: [{ role: 'user', content: 'hi' }] },
    });
    for (const [model, backend] of [
      ['gpt-4o-mini', 'ollama'],
      ['claude-haiku-4-5', offlineCompanionName],
    ] as const) {
      const assistant = await gateway.call<{ id: string }>('/v1/assistants', { token, json: { model } });
      const response = await gateway.request(`/v1/threads/${thread.id}/runs`, {
        token,
        json: { assistant_id: assistant.id, stream: true },
      });
      await response.text();
      const messages = await gateway.call<{
        data: Array<MessageBody & { metadata: Record<string, string> }>;
      }>(`/v1/threads/${thread.id}/messages`, { token });
      const reply = messages.data[0] as MessageBody & { metadata: Record<string, string> };
      assert.equal(reply.metadata.generated_by, backend, model);
      if (backend === 'ollama') assert.equal(messageText(reply), 'Hello from the local server');
    }
    assert.equal(upstream.requests.at(-1)?.body.model, 'qwen2.5:1.5b-instruct');
  } finally {
    await gateway.close();
  }
});
