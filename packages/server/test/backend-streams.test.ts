import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { buildBackend } from '../src/providers/build-backends.ts';
import type { ModelProvider, StreamPart } from '../src/providers/model-provider.ts';
import type { BackendConfig } from '../src/providers/routing-config.ts';
import { userMessages } from '../src/providers/upstream-errors.ts';
import { startFakeUpstream } from './support/fake-upstream.ts';
import { startGateway } from './support/gateway.ts';
import { type MessageBody, messageText } from './support/gateway-client.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

let upstream: Awaited<ReturnType<typeof startFakeUpstream>>;
before(async () => {
  upstream = await startFakeUpstream();
});
after(() => upstream.close());

const env = {
  OPENAI_API_KEY: 'sk-openai-test',
  ANTHROPIC_API_KEY: 'sk-ant-test',
  GOOGLE_GENERATIVE_AI_API_KEY: 'google-test',
};

function backend(config: BackendConfig): ModelProvider {
  return buildBackend('vendor', config, {
    env,
    idleTimeoutMs: 5_000,
    modelsDir: '/nonexistent',
    retry: { maxTotalMs: 200, baseDelayMs: 5 },
  });
}

const families: Array<{
  family: string;
  config: () => BackendConfig;
  fixture: string;
  model: string;
  path: string;
  text: string;
  usage: { promptTokens: number; completionTokens: number };
}> = [
  {
    family: 'OpenAI Responses',
    config: () => ({
      type: 'openai',
      api: 'responses',
      baseURL: upstream.baseURL,
      apiKeyEnv: 'OPENAI_API_KEY',
    }),
    fixture: 'openai-responses-korean.sse',
    model: 'gpt-4o-mini',
    path: '/v1/responses',
    text: '오늘 하루 수고했어요 🌙 무엇이 제일 기억에 남아요?',
    usage: { promptTokens: 31, completionTokens: 14 },
  },
  {
    family: 'Anthropic Messages',
    config: () => ({ type: 'anthropic', baseURL: upstream.baseURL, apiKeyEnv: 'ANTHROPIC_API_KEY' }),
    fixture: 'anthropic-messages-korean.sse',
    model: 'claude-sonnet-4-5',
    path: '/v1/messages',
    text: '그랬군요, 많이 지쳤겠어요 😮‍💨 잠은 잘 잤어요?',
    usage: { promptTokens: 27, completionTokens: 19 },
  },
  {
    family: 'Google Gemini',
    config: () => ({ type: 'google', baseURL: upstream.baseURL, apiKeyEnv: 'GOOGLE_GENERATIVE_AI_API_KEY' }),
    fixture: 'google-gemini-korean.sse',
    model: 'gemini-2.5-flash',
    path: '/v1/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
    text: '그 말을 들으니 저도 기뻐요 🎉 누구와 함께였어요?',
    usage: { promptTokens: 24, completionTokens: 12 },
  },
  {
    family: 'OpenAI Chat Completions (AI SDK)',
    config: () => ({ type: 'openai', api: 'chat', baseURL: upstream.baseURL, apiKeyEnv: 'OPENAI_API_KEY' }),
    fixture: 'chat-completions-korean.sse',
    model: 'gpt-4o-mini',
    path: '/v1/chat/completions',
    text: '산책하면서 마음이 조금 가벼워졌겠어요 🌿 어디를 걸었어요?',
    usage: { promptTokens: 42, completionTokens: 17 },
  },
];

async function collect(parts: AsyncIterable<StreamPart>) {
  const collected: StreamPart[] = [];
  for await (const part of parts) collected.push(part);
  return collected;
}

const textOf = (parts: StreamPart[]) =>
  parts.flatMap((p) => (p.type === 'text-delta' ? [p.text] : [])).join('');

/** Adjacent pieces of text, or of one call's arguments, joined. */
function joinAdjacent(parts: StreamPart[]): StreamPart[] {
  const joined: StreamPart[] = [];
  for (const part of parts) {
    const last = joined.at(-1);
    if (last?.type === 'text-delta' && part.type === 'text-delta') last.text += part.text;
    else if (last?.type === 'tool-call-delta' && part.type === 'tool-call-delta' && last.id === part.id)
      last.argumentsDelta += part.argumentsDelta;
    else joined.push({ ...part });
  }
  return joined;
}

const request = (model: string) => ({
  model,
  messages: [
    { role: 'system' as const, content: 'Reply warmly.' },
    { role: 'user' as const, content: '오늘 산책했어' },
  ],
  signal: new AbortController().signal,
});

for (const family of families) {
  test(`${family.family}: a recorded stream cut inside multi-byte characters gives the exact text and usage`, async () => {
    const provider = backend(family.config());
    // 5-byte writes cut through Hangul syllables (3 bytes) and emoji (4 bytes, and joined sequences).
    upstream.next({ pieces: [], raw: fixture(family.fixture), writeBytes: 5 });
    const parts = await collect(provider.stream(request(family.model)));
    assert.equal(textOf(parts), family.text);
    assert.deepEqual(parts.at(-1), { type: 'finish', reason: 'stop', usage: family.usage });
    assert.equal(upstream.requests.at(-1)?.path, family.path);
  });

  test(`${family.family}: a run through the gateway ends with the exact text in the thread`, async () => {
    const gateway = await startGateway({ provider: backend(family.config()) });
    try {
      upstream.next({ pieces: [], raw: fixture(family.fixture), writeBytes: 5 });
      const { token, assistantId, threadId } = await gateway.userWithThread('오늘 산책했어');
      const response = await gateway.request(`/v1/threads/${threadId}/runs`, {
        token,
        json: { assistant_id: assistantId, stream: true },
      });
      await response.text();
      const messages = await gateway.call<{ data: MessageBody[] }>(`/v1/threads/${threadId}/messages`, {
        token,
      });
      const reply = messages.data[0] as MessageBody;
      assert.equal(reply.role, 'assistant');
      assert.equal(reply.status, 'completed');
      assert.equal(messageText(reply), family.text);
    } finally {
      await gateway.close();
    }
  });
}

test('Chat Completions on the fast path: parallel tool calls split across chunks stream as call parts, with usage', async () => {
  const provider = backend({
    type: 'openai-compatible',
    baseURL: upstream.baseURL,
    apiKeyEnv: 'OPENAI_API_KEY',
  });
  for (const writeBytes of [1, 5, 4096]) {
    upstream.next({ pieces: [], raw: fixture('chat-completions-tool-calls.sse'), writeBytes });
    const parts = await collect(provider.stream(request('gpt-4o-mini')));
    // Pieces that arrive together travel joined; how many arrive together depends on the network.
    assert.deepEqual(joinAdjacent(parts), [
      { type: 'text-delta', text: '날씨를 확인해 볼게요 ☔' },
      { type: 'tool-call-start', id: 'call_Seoul1', name: 'get_weather' },
      { type: 'tool-call-delta', id: 'call_Seoul1', argumentsDelta: '{"city": "서울"}' },
      { type: 'tool-call-start', id: 'call_Busan2', name: 'get_weather' },
      { type: 'tool-call-delta', id: 'call_Busan2', argumentsDelta: '{"city": "부산 🌊"}' },
      { type: 'finish', reason: 'tool-calls', usage: { promptTokens: 82, completionTokens: 41 } },
    ]);
  }
});

test('Chat Completions through the AI SDK gives the same tool calls', async () => {
  const provider = backend({
    type: 'openai',
    api: 'chat',
    baseURL: upstream.baseURL,
    apiKeyEnv: 'OPENAI_API_KEY',
  });
  upstream.next({ pieces: [], raw: fixture('chat-completions-tool-calls.sse'), writeBytes: 5 });
  const parts = await collect(provider.stream(request('gpt-4o-mini')));
  const calls = new Map<string, { name: string; args: string }>();
  for (const part of parts) {
    if (part.type === 'tool-call-start') calls.set(part.id, { name: part.name, args: '' });
    if (part.type === 'tool-call-delta') (calls.get(part.id) as { args: string }).args += part.argumentsDelta;
  }
  assert.deepEqual(Object.fromEntries(calls), {
    call_Seoul1: { name: 'get_weather', args: '{"city": "서울"}' },
    call_Busan2: { name: 'get_weather', args: '{"city": "부산 🌊"}' },
  });
  assert.equal(textOf(parts), '날씨를 확인해 볼게요 ☔');
  assert.deepEqual(parts.at(-1), {
    type: 'finish',
    reason: 'tool-calls',
    usage: { promptTokens: 82, completionTokens: 41 },
  });
});

test('Anthropic tool use streams its input JSON as call deltas and finishes with tool-calls', async () => {
  const provider = backend({ type: 'anthropic', baseURL: upstream.baseURL, apiKeyEnv: 'ANTHROPIC_API_KEY' });
  upstream.next({ pieces: [], raw: fixture('anthropic-messages-tool-use.sse'), writeBytes: 5 });
  const parts = await collect(provider.stream(request('claude-sonnet-4-5')));
  const start = parts.find((part) => part.type === 'tool-call-start');
  assert.deepEqual(start, {
    type: 'tool-call-start',
    id: 'toolu_01A09q90qw90lq917835lq9',
    name: 'get_weather',
  });
  const args = parts.flatMap((p) => (p.type === 'tool-call-delta' ? [p.argumentsDelta] : [])).join('');
  assert.deepEqual(JSON.parse(args), { city: '서울' });
  assert.equal(textOf(parts), '찾아볼게요 🔎');
  assert.deepEqual(parts.at(-1), {
    type: 'finish',
    reason: 'tool-calls',
    usage: { promptTokens: 27, completionTokens: 33 },
  });
});

test('Google function calls, which arrive whole, become a start and one delta each', async () => {
  const provider = backend({
    type: 'google',
    baseURL: upstream.baseURL,
    apiKeyEnv: 'GOOGLE_GENERATIVE_AI_API_KEY',
  });
  upstream.next({ pieces: [], raw: fixture('google-gemini-function-calls.sse'), writeBytes: 5 });
  const parts = await collect(provider.stream(request('gemini-2.5-flash')));
  const calls = parts.filter((part) => part.type === 'tool-call-start' || part.type === 'tool-call-delta');
  assert.equal(calls.length, 4);
  const [first, firstArgs, second, secondArgs] = calls;
  assert.equal(first?.type === 'tool-call-start' && first.name, 'get_weather');
  assert.equal(second?.type === 'tool-call-start' && second.name, 'get_weather');
  assert.notEqual(first?.id, second?.id);
  assert.equal(firstArgs?.id, first?.id);
  assert.deepEqual(JSON.parse((firstArgs?.type === 'tool-call-delta' && firstArgs.argumentsDelta) || ''), {
    city: '서울',
  });
  assert.deepEqual(JSON.parse((secondArgs?.type === 'tool-call-delta' && secondArgs.argumentsDelta) || ''), {
    city: '부산',
  });
  assert.equal(textOf(parts), '확인할게요 ✨');
  assert.deepEqual(parts.at(-1), {
    type: 'finish',
    reason: 'tool-calls',
    usage: { promptTokens: 40, completionTokens: 22 },
  });
});

test("OpenAI's Responses API is asked not to store the conversation", async () => {
  const provider = backend({
    type: 'openai',
    api: 'responses',
    baseURL: upstream.baseURL,
    apiKeyEnv: 'OPENAI_API_KEY',
  });
  upstream.next({ pieces: [], raw: fixture('openai-responses-korean.sse') });
  await collect(provider.stream(request('gpt-4o-mini')));
  const sent = upstream.requests.at(-1)?.body as unknown as Record<string, unknown>;
  assert.equal(sent.store, false);
});

test('a run cancelled while the vendor has not answered ends quietly, with no error part', async () => {
  const provider = backend({ type: 'anthropic', baseURL: upstream.baseURL, apiKeyEnv: 'ANTHROPIC_API_KEY' });
  upstream.next({ pieces: [], silent: true });
  const cancel = new AbortController();
  const before = upstream.requests.length;
  const parts = collect(provider.stream({ ...request('claude-sonnet-4-5'), signal: cancel.signal }));
  while (upstream.requests.length === before) await new Promise((resolve) => setImmediate(resolve));
  cancel.abort();
  assert.deepEqual(await parts, []);
});

test('an OpenAI-compatible server with no key configured gets no authorization header', async () => {
  const provider = backend({ type: 'openai-compatible', baseURL: upstream.baseURL });
  upstream.next({ pieces: [], raw: fixture('chat-completions-korean.sse') });
  await collect(provider.stream(request('qwen2.5:1.5b')));
  assert.equal(upstream.requests.at(-1)?.authorization, undefined);
});

test('one call per turn is asked of each vendor in its own words', async () => {
  const tools = [{ name: 'get_weather', parameters: { type: 'object', properties: {} } }];
  const cases = [
    {
      config: { type: 'openai', api: 'responses', baseURL: upstream.baseURL, apiKeyEnv: 'OPENAI_API_KEY' },
      fixture: 'openai-responses-korean.sse',
      field: 'parallel_tool_calls',
      value: false,
    },
    {
      config: { type: 'openai', api: 'chat', baseURL: upstream.baseURL, apiKeyEnv: 'OPENAI_API_KEY' },
      fixture: 'chat-completions-korean.sse',
      field: 'parallel_tool_calls',
      value: false,
    },
    {
      config: { type: 'openai-compatible', baseURL: upstream.baseURL },
      fixture: 'chat-completions-korean.sse',
      field: 'parallel_tool_calls',
      value: false,
    },
    {
      config: { type: 'anthropic', baseURL: upstream.baseURL, apiKeyEnv: 'ANTHROPIC_API_KEY' },
      fixture: 'anthropic-messages-korean.sse',
      field: 'tool_choice',
      value: { type: 'auto', disable_parallel_tool_use: true },
    },
  ] as const;
  for (const { config, fixture: name, field, value } of cases) {
    upstream.next({ pieces: [], raw: fixture(name) });
    await collect(
      backend(config).stream({
        ...request('gpt-4o-mini'),
        tools,
        toolChoice: 'auto',
        parallelToolCalls: false,
      }),
    );
    const sent = upstream.requests.at(-1)?.body as unknown as Record<string, unknown>;
    assert.deepEqual(sent[field], value, `${config.type} ${field}`);
  }
});

test("a run's reasoning effort reaches OpenAI's APIs and OpenAI-compatible servers in their own words", async () => {
  const cases = [
    {
      config: { type: 'openai', api: 'responses', baseURL: upstream.baseURL, apiKeyEnv: 'OPENAI_API_KEY' },
      fixture: 'openai-responses-korean.sse',
      sent: (body: Record<string, unknown>) => (body.reasoning as { effort?: unknown } | undefined)?.effort,
    },
    {
      config: { type: 'openai', api: 'chat', baseURL: upstream.baseURL, apiKeyEnv: 'OPENAI_API_KEY' },
      fixture: 'chat-completions-korean.sse',
      sent: (body: Record<string, unknown>) => body.reasoning_effort,
    },
    {
      config: { type: 'openai-compatible', baseURL: upstream.baseURL },
      fixture: 'chat-completions-korean.sse',
      sent: (body: Record<string, unknown>) => body.reasoning_effort,
    },
  ] as const;
  for (const { config, fixture: name, sent } of cases) {
    for (const reasoningEffort of ['minimal', undefined] as const) {
      upstream.next({ pieces: [], raw: fixture(name) });
      await collect(backend(config).stream({ ...request('o4-mini'), reasoningEffort }));
      const body = upstream.requests.at(-1)?.body as unknown as Record<string, unknown>;
      assert.equal(sent(body), reasoningEffort, `${config.type} ${'api' in config ? config.api : ''}`);
    }
  }
});

test('function tools and earlier calls reach the vendor in its own request shape', async () => {
  const provider = backend({ type: 'anthropic', baseURL: upstream.baseURL, apiKeyEnv: 'ANTHROPIC_API_KEY' });
  upstream.next({ pieces: [], raw: fixture('anthropic-messages-korean.sse') });
  await collect(
    provider.stream({
      model: 'claude-sonnet-4-5',
      messages: [
        { role: 'user', content: '서울 날씨?' },
        {
          role: 'assistant',
          content: '',
          toolCalls: [{ id: 'toolu_1', name: 'get_weather', arguments: '{"city":"서울"}' }],
        },
        { role: 'tool', toolCallId: 'toolu_1', content: '맑음' },
      ],
      tools: [
        { name: 'get_weather', description: 'Weather now', parameters: { type: 'object', properties: {} } },
      ],
      toolChoice: 'required',
      maxTokens: 50,
      signal: new AbortController().signal,
    }),
  );
  const sent = upstream.requests.at(-1)?.body as unknown as Record<string, unknown>;
  assert.equal(sent.max_tokens, 50);
  assert.deepEqual(sent.tool_choice, { type: 'any' });
  assert.equal((sent.tools as Array<{ name: string }>)[0]?.name, 'get_weather');
  const messages = sent.messages as Array<{ role: string; content: Array<Record<string, unknown>> }>;
  assert.deepEqual(
    messages.map((m) => m.content.map((part) => part.type)),
    [['text'], ['tool_use'], ['tool_result']],
  );
});

test("a vendor's refusal is a plain message for users, its own words only in the detail", async () => {
  upstream.next({ pieces: [], status: 401 });
  const provider = backend({ type: 'anthropic', baseURL: upstream.baseURL, apiKeyEnv: 'ANTHROPIC_API_KEY' });
  const parts = await collect(provider.stream(request('claude-sonnet-4-5')));
  assert.equal(parts.length, 1);
  const [part] = parts;
  assert.equal(part?.type, 'error');
  assert.equal(part?.type === 'error' && part.message, userMessages.keyRefused);
  assert.match((part?.type === 'error' && part.detail) || '', /401/);
});

test('a vendor that is busy is asked again, and its reply then streams', async () => {
  upstream.next({ pieces: [], raw: fixture('google-gemini-korean.sse'), statuses: [503, 429] });
  const before = upstream.requests.length;
  const provider = backend({
    type: 'google',
    baseURL: upstream.baseURL,
    apiKeyEnv: 'GOOGLE_GENERATIVE_AI_API_KEY',
  });
  const parts = await collect(provider.stream(request('gemini-2.5-flash')));
  assert.equal(textOf(parts), '그 말을 들으니 저도 기뻐요 🎉 누구와 함께였어요?');
  assert.equal(upstream.requests.length - before, 3);
});

// Anthropic answers 200 and then sends an error event when it is overloaded.
const overloaded = {
  stream:
    'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n',
};

test('a vendor that reports overload inside its stream before any text is asked again, and its reply then streams', async () => {
  upstream.next({ pieces: [], raw: fixture('anthropic-messages-korean.sse'), statuses: [overloaded] });
  const before = upstream.requests.length;
  const provider = backend({ type: 'anthropic', baseURL: upstream.baseURL, apiKeyEnv: 'ANTHROPIC_API_KEY' });
  const parts = await collect(provider.stream(request('claude-sonnet-4-5')));
  assert.equal(textOf(parts), '그랬군요, 많이 지쳤겠어요 😮‍💨 잠은 잘 잤어요?');
  assert.equal(parts.at(-1)?.type, 'finish');
  assert.equal(upstream.requests.length - before, 2);
});

test("an error event after OpenAI's Responses stream has begun, but before any text, is asked again", async () => {
  const created = fixture('openai-responses-korean.sse').toString('utf8').split('\n\n')[0];
  const failed = {
    stream: `${created}\n\nevent: error\ndata: {"type":"error","code":"server_error","message":"The server had an error","param":null,"sequence_number":1}\n\n`,
  };
  upstream.next({ pieces: [], raw: fixture('openai-responses-korean.sse'), statuses: [failed] });
  const before = upstream.requests.length;
  const provider = backend({
    type: 'openai',
    api: 'responses',
    baseURL: upstream.baseURL,
    apiKeyEnv: 'OPENAI_API_KEY',
  });
  const parts = await collect(provider.stream(request('gpt-4o-mini')));
  assert.equal(textOf(parts), '오늘 하루 수고했어요 🌙 무엇이 제일 기억에 남아요?');
  assert.equal(upstream.requests.length - before, 2);
});

test('a vendor that keeps reporting overload inside its stream fails once retries are spent, in our words', async () => {
  upstream.next({ pieces: [], statuses: Array.from({ length: 1000 }, () => overloaded) });
  const provider = backend({ type: 'anthropic', baseURL: upstream.baseURL, apiKeyEnv: 'ANTHROPIC_API_KEY' });
  const parts = await collect(provider.stream(request('claude-sonnet-4-5')));
  upstream.reset();
  assert.equal(parts.length, 1);
  const [part] = parts;
  assert.equal(part?.type === 'error' && part.message, userMessages.failing);
  assert.match((part?.type === 'error' && part.detail) || '', /529: .*Overloaded/);
});

test("a vendor that never answers ends the reply with an error after its backend's idle timeout, not a hang", async () => {
  // The gateway-wide timeout is a minute; this backend's own entry says 100 ms.
  const provider = buildBackend(
    'vendor',
    { type: 'anthropic', baseURL: upstream.baseURL, apiKeyEnv: 'ANTHROPIC_API_KEY', idleTimeoutMs: 100 },
    { env, idleTimeoutMs: 60_000, modelsDir: '/nonexistent' },
  );
  upstream.next({ pieces: [], silent: true });
  const parts = await collect(provider.stream(request('claude-sonnet-4-5')));
  assert.deepEqual(
    parts.map((part) => part.type === 'error' && part.message),
    [userMessages.noAnswer],
  );
});

test('a vendor that goes silent midway ends the reply with an error keeping what it wrote', async () => {
  const provider = buildBackend(
    'vendor',
    {
      type: 'openai',
      api: 'chat',
      baseURL: upstream.baseURL,
      apiKeyEnv: 'OPENAI_API_KEY',
      idleTimeoutMs: 100,
    },
    { env, idleTimeoutMs: 60_000, modelsDir: '/nonexistent' },
  );
  upstream.next({ pieces: ['오늘은 ', '조용한 ', '날'], stallAfter: 2 });
  const parts = await collect(provider.stream(request('gpt-4o-mini')));
  assert.equal(textOf(parts), '오늘은 조용한 ');
  const last = parts.at(-1);
  assert.equal(last?.type === 'error' && last.message, userMessages.stoppedMidway);
});
