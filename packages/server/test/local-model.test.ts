import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type LocalModelProvider, localModelProvider } from '../src/providers/local/local-model-provider.ts';
import type { GenerateRequest, StreamPart } from '../src/providers/model-provider.ts';
import { userMessages } from '../src/providers/upstream-errors.ts';
import { startGateway } from './support/gateway.ts';
import { type MessageBody, messageText, type RunBody } from './support/gateway-client.ts';
import { eventsOf, parsed } from './support/sse.ts';
import { writeTinyGguf } from './support/tiny-gguf.ts';

const dir = mkdtempSync(join(tmpdir(), 'haru-local-'));
const modelPath = join(dir, 'tiny.gguf');
let local: LocalModelProvider;

before(async () => {
  await writeTinyGguf(modelPath);
  // One thread: a model this small spends more on waking threads than on arithmetic.
  local = localModelProvider({ name: 'local', model: modelPath, modelsDir: dir, threads: 1 });
  await local.load();
});
after(() => local.close());

const request = (maxTokens: number | undefined, signal = new AbortController().signal): GenerateRequest => ({
  model: 'tiny',
  messages: [
    { role: 'system', content: 'Reply warmly.' },
    { role: 'user', content: '오늘 산책했어 🌿' },
  ],
  maxTokens,
  signal,
});

test('the tiny model loads and streams text, stopping at max tokens with usage from its tokenizer', async () => {
  const parts: StreamPart[] = [];
  for await (const part of local.stream(request(4))) parts.push(part);
  assert.deepEqual(
    parts.slice(0, -1).map((part) => part.type === 'text-delta' && part.text),
    ['하', '하', '하', '하'],
  );
  const finish = parts.at(-1);
  assert.equal(finish?.type, 'finish');
  assert.equal(finish?.type === 'finish' && finish.reason, 'length');
  assert.equal(finish?.type === 'finish' && finish.usage?.completionTokens, 4);
  // The prompt as the chat template renders it holds at least the messages' own tokens.
  const ownTokens =
    ((await local.countTokens?.('tiny', 'Reply warmly.')) ?? 0) +
    ((await local.countTokens?.('tiny', '오늘 산책했어 🌿')) ?? 0);
  assert.ok(ownTokens > 10);
  const promptTokens = finish?.type === 'finish' ? (finish.usage?.promptTokens ?? 0) : 0;
  assert.ok(promptTokens >= ownTokens, `${promptTokens} prompt tokens`);
});

test('the context window is the loaded context: the tiny model was trained on 512 tokens', () => {
  assert.equal(local.contextWindow?.('tiny'), 512);
});

test('a JSON schema response format holds the model to JSON of that shape while it samples', async () => {
  let text = '';
  const schema = { type: 'object', properties: { mood: { enum: ['calm', 'sad'] } }, required: ['mood'] };
  for await (const part of local.stream({
    ...request(40),
    responseFormat: { type: 'json_schema', json_schema: { name: 'entry', schema } },
  })) {
    if (part.type === 'text-delta') text += part.text;
  }
  // Left alone, this model writes only "하" and never stops; held to the grammar it writes the object and ends.
  assert.ok(['calm', 'sad'].includes(JSON.parse(text).mood), text);
});

test('token counts come from the model: a byte-fallback vocabulary spends a token per UTF-8 byte of Hangul', async () => {
  // "하" is in the vocabulary; "산" is not, so it is three byte tokens.
  assert.equal(await local.countTokens?.('tiny', '하'), 2);
  assert.equal(await local.countTokens?.('tiny', '산'), 4);
});

test('concurrent runs take turns on the one model in the order they came', async () => {
  const log: string[] = [];
  const drain = async (name: string, maxTokens: number) => {
    for await (const part of local.stream(request(maxTokens))) log.push(`${name}:${part.type}`);
  };
  await Promise.all([drain('first', 3), drain('second', 2), drain('third', 1)]);
  assert.deepEqual(log, [
    'first:text-delta',
    'first:text-delta',
    'first:text-delta',
    'first:finish',
    'second:text-delta',
    'second:text-delta',
    'second:finish',
    'third:text-delta',
    'third:finish',
  ]);
});

test('a cancelled run frees the model at once for the next, and one cancelled while waiting leaves the line', async () => {
  const endless = new AbortController();
  const waitingThenCancelled = new AbortController();
  const log: string[] = [];
  const first = (async () => {
    for await (const part of local.stream(request(undefined, endless.signal))) {
      log.push(`endless:${part.type}`);
      if (log.length === 3) endless.abort();
    }
  })();
  const second = (async () => {
    for await (const part of local.stream(request(undefined, waitingThenCancelled.signal))) {
      log.push(`cancelled-while-waiting:${part.type}`);
    }
  })();
  waitingThenCancelled.abort();
  const third = (async () => {
    for await (const part of local.stream(request(1))) log.push(`next:${part.type}`);
  })();
  await Promise.all([first, second, third]);
  assert.deepEqual(log, [
    'endless:text-delta',
    'endless:text-delta',
    'endless:text-delta',
    'next:text-delta',
    'next:finish',
  ]);
});

test('a reader that stops reading early frees the model too', async () => {
  for await (const part of local.stream(request(undefined))) {
    assert.equal(part.type, 'text-delta');
    break;
  }
  const parts: StreamPart[] = [];
  for await (const part of local.stream(request(1))) parts.push(part);
  assert.deepEqual(
    parts.map((part) => part.type),
    ['text-delta', 'finish'],
  );
});

test('through the gateway: a run streams, honours max_completion_tokens and reports usage', async () => {
  const gateway = await startGateway({ provider: local });
  try {
    const { token, assistantId, threadId } = await gateway.userWithThread('오늘 산책했어');
    const response = await gateway.request(`/v1/threads/${threadId}/runs`, {
      token,
      json: { assistant_id: assistantId, stream: true, max_completion_tokens: 256 },
    });
    const deltas: string[] = [];
    let run: RunBody & { usage: { prompt_tokens: number; completion_tokens: number } | null } =
      undefined as never;
    for await (const event of eventsOf(response)) {
      if (event.event === 'thread.message.delta') deltas.push(event.data);
      if (event.event === 'thread.run.incomplete') run = parsed(event);
    }
    assert.ok(deltas.length > 0);
    assert.equal(run.status, 'incomplete');
    assert.equal(run.usage?.completion_tokens, 256);
    assert.ok((run.usage?.prompt_tokens ?? 0) > 10);
    const messages = await gateway.call<{ data: MessageBody[] }>(`/v1/threads/${threadId}/messages`, {
      token,
    });
    assert.equal(messageText(messages.data[0] as MessageBody), '하'.repeat(256));
  } finally {
    await gateway.close();
  }
});

test('through the gateway: cancelling a run stops the model and the next run answers', async () => {
  const gateway = await startGateway({ provider: local });
  try {
    const { token, assistantId, threadId } = await gateway.userWithThread('계속 말해줘');
    const response = await gateway.request(`/v1/threads/${threadId}/runs`, {
      token,
      json: { assistant_id: assistantId, stream: true },
    });
    let runId = '';
    const statuses: string[] = [];
    for await (const event of eventsOf(response)) {
      if (event.event === 'thread.run.created') runId = parsed<{ id: string }>(event).id;
      if (event.event === 'thread.message.delta' && statuses.length === 0) {
        statuses.push('cancelling');
        await gateway.call(`/v1/threads/${threadId}/runs/${runId}/cancel`, { token, method: 'POST' });
      }
      if (event.event === 'thread.run.cancelled') statuses.push('cancelled');
    }
    assert.deepEqual(statuses, ['cancelling', 'cancelled']);

    const next = await gateway.request(`/v1/threads/${threadId}/runs`, {
      token,
      json: { assistant_id: assistantId, stream: true, max_completion_tokens: 256 },
    });
    const ends: string[] = [];
    for await (const event of eventsOf(next))
      if (event.event.startsWith('thread.run.in')) ends.push(event.event);
    assert.deepEqual(ends, ['thread.run.in_progress', 'thread.run.incomplete']);
  } finally {
    await gateway.close();
  }
});

test('through the gateway: two runs at once both finish, one after the other on the shared model', async () => {
  const gateway = await startGateway({ provider: local });
  try {
    const first = await gateway.userWithThread('첫 번째');
    const second = await gateway.userWithThread('second');
    const start = (user: typeof first) =>
      gateway.request(`/v1/threads/${user.threadId}/runs`, {
        token: user.token,
        json: { assistant_id: user.assistantId, stream: true, max_completion_tokens: 256 },
      });
    const order: string[] = [];
    const follow = async (name: string, response: Response) => {
      for await (const event of eventsOf(response)) {
        if (event.event === 'thread.message.delta' && !order.includes(`${name} writes`))
          order.push(`${name} writes`);
        if (event.event === 'thread.run.incomplete') order.push(`${name} ends`);
      }
    };
    const [a, b] = await Promise.all([start(first), start(second)]);
    await Promise.all([follow('first', a), follow('second', b)]);
    assert.deepEqual(order, ['first writes', 'first ends', 'second writes', 'second ends']);
  } finally {
    await gateway.close();
  }
});

test('function tools: the model calls one, its arguments held to the schema and streamed in pieces', async () => {
  // This model's favourite word opens a call in its chat format; a call's documentation needs a longer context.
  const callingPath = join(dir, 'calling.gguf');
  await writeTinyGguf(callingPath, { favourite: '||call:', contextLength: 4096 });
  const calling = localModelProvider({ name: 'local', model: callingPath, modelsDir: dir, threads: 1 });
  try {
    const tools = [
      {
        name: 'get_weather',
        description: 'The weather in a city now',
        parameters: { type: 'object', properties: { city: { enum: ['서울', '부산'] } }, required: ['city'] },
      },
    ];
    const parts: StreamPart[] = [];
    for await (const part of calling.stream({ ...request(200), tools, parallelToolCalls: false }))
      parts.push(part);
    const start = parts[0];
    assert.ok(start?.type === 'tool-call-start');
    assert.equal(start.name, 'get_weather');
    const deltas = parts.flatMap((part) => (part.type === 'tool-call-delta' ? [part] : []));
    assert.ok(deltas.length > 1, 'the arguments arrive in pieces');
    assert.ok(deltas.every((part) => part.id === start.id));
    const args = JSON.parse(deltas.map((part) => part.argumentsDelta).join(''));
    assert.ok(['서울', '부산'].includes(args.city), JSON.stringify(args));
    const finish = parts.at(-1);
    assert.equal(finish?.type === 'finish' && finish.reason, 'tool-calls');
  } finally {
    await calling.close();
  }
});

test('a model file that is not there fails the run with a message for users, and the next run tries again', async () => {
  const missing = localModelProvider({ name: 'local', model: join(dir, 'missing.gguf'), modelsDir: dir });
  for (let attempt = 0; attempt < 2; attempt++) {
    const parts: StreamPart[] = [];
    for await (const part of missing.stream(request(1))) parts.push(part);
    assert.equal(parts.length, 1);
    assert.equal(parts[0]?.type === 'error' && parts[0].message, userMessages.localModelUnavailable);
  }
});
