import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { planPrompt } from '../src/engine/prompt.ts';
import { newMessage } from '../src/schemas/message.ts';
import { newRun } from '../src/schemas/run.ts';
import { startFakeUpstream } from './support/fake-upstream.ts';
import { startGateway, type TestGateway, userWithThread } from './support/gateway.ts';
import { readEvents } from './support/sse.ts';
import { promptAssistant, storedThread } from './support/stored-thread.ts';

let upstream: Awaited<ReturnType<typeof startFakeUpstream>>;
let gateway: TestGateway;

before(async () => {
  upstream = await startFakeUpstream();
  gateway = await startGateway({ upstreamURL: upstream.baseURL });
});
beforeEach(() => upstream.reset());
after(async () => {
  await gateway.close();
  await upstream.close();
});

test('an active run tells pollers when to look again, as OpenAI does for createAndPoll', async () => {
  const { token, assistantId, threadId } = await userWithThread(gateway);
  upstream.next({ pieces: ['a', 'b'], delayMs: 30 });
  const created = await gateway.request(`/v1/threads/${threadId}/runs`, {
    token,
    json: { assistant_id: assistantId },
  });
  assert.equal(
    created.headers.get('openai-poll-after-ms'),
    '500',
    'paced so that as many runs as a user may have, each polled, stay within 600 requests a minute',
  );
  const { id } = (await created.json()) as { id: string };
  await gateway.engine.idle();
  const finished = await gateway.request(`/v1/threads/${threadId}/runs/${id}`, { token });
  assert.equal(finished.headers.get('openai-poll-after-ms'), null, 'a finished run needs no more polling');
});

test('browsers may send the openai SDK’s own headers', async () => {
  const preflight = await gateway.request('/v1/assistants', {
    method: 'OPTIONS',
    headers: {
      // The gateway's own origin (the served app); other origins only when listed in HARU_CORS_ORIGINS.
      origin: 'http://localhost',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type,x-stainless-os,x-stainless-retry-count',
    },
  });
  assert.ok(preflight.status < 300);
  assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /x-stainless-os/);
  assert.equal(preflight.headers.get('access-control-allow-origin'), 'http://localhost');
});

test('a run follows its assistant’s response_format, and json_schema reaches the model', async () => {
  const token = await gateway.newUser();
  const format = {
    type: 'json_schema',
    json_schema: {
      name: 'mood',
      schema: { type: 'object', properties: { mood: { type: 'string' } } },
      strict: true,
    },
  };
  const assistant = await gateway.call<{ id: string; response_format: unknown }>('/v1/assistants', {
    token,
    json: { model: 'm', response_format: format },
  });
  assert.deepEqual(assistant.response_format, format);
  const thread = await gateway.call<{ id: string }>('/v1/threads', {
    token,
    json: { messages: [{ role: 'user', content: 'mood?' }] },
  });
  const run = await gateway.call<{ response_format: unknown }>(`/v1/threads/${thread.id}/runs`, {
    token,
    json: { assistant_id: assistant.id },
  });
  assert.deepEqual(run.response_format, format);
  await gateway.engine.idle();
  const request = upstream.requests.at(-1)?.body as { response_format?: unknown } | undefined;
  assert.deepEqual(request?.response_format, format);
});

test('long threads are trimmed oldest first to the prompt budget, keeping the instructions', async () => {
  const { db, stores } = await storedThread();
  for (let i = 0; i < 50; i++) {
    await stores.messages.insert(
      'user_1',
      newMessage(`msg_${i}`, i, 't', {
        role: i % 2 ? 'assistant' : 'user',
        content: `message ${i} ${'word '.repeat(40)}`,
      }),
    );
  }
  const run = newRun('run_1', 1, 't', promptAssistant, { assistant_id: 'a', max_prompt_tokens: 600 });
  const plan = await planPrompt(stores, 'user_1', run);
  assert.equal(plan.fits, true);
  assert.ok(plan.estimatedTokens <= 600);
  assert.deepEqual(plan.messages[0], { role: 'system', content: 'Be kind.' });
  assert.match(plan.messages.at(-1)?.content ?? '', /^message 49 /, 'the newest message is kept');
  assert.match(plan.messages[1]?.content ?? '', /^message 4\d /, 'the oldest messages were dropped');
  assert.ok(plan.messages.length < 20);
  const everything = await planPrompt(
    stores,
    'user_1',
    newRun('run_2', 1, 't', promptAssistant, { assistant_id: 'a' }),
  );
  assert.equal(everything.messages.length, 51);
  assert.match(everything.messages[1]?.content ?? '', /^message 0 /, 'in order, oldest first');
  const lastThree = await planPrompt(
    stores,
    'user_1',
    newRun('run_3', 1, 't', promptAssistant, {
      assistant_id: 'a',
      truncation_strategy: { type: 'last_messages', last_messages: 3 },
    }),
  );
  assert.deepEqual(
    lastThree.messages.map((m) => m.content.split(' ').slice(0, 2).join(' ')),
    ['Be kind.', 'message 47', 'message 48', 'message 49'],
  );
  await db.destroy();
});

test('a newest message larger than max_prompt_tokens ends the run incomplete without calling the model', async () => {
  const { token, assistantId, threadId } = await userWithThread(gateway, 'word '.repeat(2000));
  const calls = upstream.requests.length;
  const events = await readEvents(
    await gateway.request(`/v1/threads/${threadId}/runs`, {
      token,
      json: { assistant_id: assistantId, stream: true, max_prompt_tokens: 256 },
    }),
  );
  const ended = JSON.parse(events.at(-2)?.data ?? '{}') as { status: string; incomplete_details: unknown };
  assert.equal(events.at(-2)?.event, 'thread.run.incomplete');
  assert.deepEqual(ended.incomplete_details, { reason: 'max_prompt_tokens' });
  assert.equal(upstream.requests.length, calls);
});

test('last_messages keeps that many messages of the thread; the run’s own reply is not one of them', async () => {
  const { token, assistantId, threadId } = await userWithThread(gateway, 'First, the walk.');
  await gateway.call(`/v1/threads/${threadId}/messages`, {
    token,
    json: { role: 'assistant', content: 'How was it?' },
  });
  await gateway.call(`/v1/threads/${threadId}/messages`, {
    token,
    json: { role: 'user', content: 'Calm and cold.' },
  });
  await readEvents(
    await gateway.request(`/v1/threads/${threadId}/runs`, {
      token,
      json: {
        assistant_id: assistantId,
        stream: true,
        truncation_strategy: { type: 'last_messages', last_messages: 2 },
      },
    }),
  );
  const sent = upstream.requests.at(-1)?.body.messages.filter((m) => m.role !== 'system');
  assert.deepEqual(sent, [
    { role: 'assistant', content: 'How was it?' },
    { role: 'user', content: 'Calm and cold.' },
  ]);
});

test('a message of several text parts keeps them as parts, and the model reads them one per line', async () => {
  const { token, assistantId, threadId } = await userWithThread(gateway, 'First, the walk.');
  const message = (await gateway.call(`/v1/threads/${threadId}/messages`, {
    token,
    json: {
      role: 'user',
      content: [
        { type: 'text', text: 'The rain stopped.' },
        { type: 'text', text: 'Then the sun.' },
      ],
    },
  })) as { content: unknown };
  assert.deepEqual(message.content, [
    { type: 'text', text: { value: 'The rain stopped.', annotations: [] } },
    { type: 'text', text: { value: 'Then the sun.', annotations: [] } },
  ]);
  await readEvents(
    await gateway.request(`/v1/threads/${threadId}/runs`, {
      token,
      json: { assistant_id: assistantId, stream: true },
    }),
  );
  const sent = upstream.requests.at(-1)?.body.messages.at(-1);
  assert.deepEqual(sent, { role: 'user', content: 'The rain stopped.\nThen the sun.' });
});

test('reasoning_effort set on an assistant is used by its runs unless a run sets its own, and reaches the model', async () => {
  const { token, threadId } = await userWithThread(gateway);
  const assistant = (await gateway.call('/v1/assistants', {
    token,
    json: { model: 'o4-mini', reasoning_effort: 'low' },
  })) as { id: string; reasoning_effort: unknown };
  assert.equal(assistant.reasoning_effort, 'low');
  for (const [own, expected] of [
    [undefined, 'low'],
    ['minimal', 'minimal'],
  ] as const) {
    const events = await readEvents(
      await gateway.request(`/v1/threads/${threadId}/runs`, {
        token,
        json: { assistant_id: assistant.id, stream: true, ...(own && { reasoning_effort: own }) },
      }),
    );
    const run = JSON.parse(events.at(-2)?.data ?? '{}') as { reasoning_effort: unknown };
    assert.equal(run.reasoning_effort, expected);
    const sent = upstream.requests.at(-1)?.body as { reasoning_effort?: unknown } | undefined;
    assert.equal(sent?.reasoning_effort, expected);
  }
  const refused = await gateway.request(`/v1/threads/${threadId}/runs`, {
    token,
    json: { assistant_id: assistant.id, reasoning_effort: 'extreme' },
  });
  assert.equal(refused.status, 400);
  assert.equal(((await refused.json()) as { error: { param: string } }).error.param, 'reasoning_effort');
});

test('max_completion_tokens reaches the model; a reply cut there ends the run incomplete, keeping the text', async () => {
  const { token, assistantId, threadId } = await userWithThread(gateway);
  upstream.next({
    pieces: ['one ', 'two ', 'three'],
    finishReason: 'length',
    usage: { prompt_tokens: 12, completion_tokens: 256 },
  });
  const events = await readEvents(
    await gateway.request(`/v1/threads/${threadId}/runs`, {
      token,
      json: { assistant_id: assistantId, stream: true, max_completion_tokens: 256 },
    }),
  );
  assert.equal((upstream.requests.at(-1)?.body as { max_tokens?: number } | undefined)?.max_tokens, 256);
  const run = JSON.parse(events.at(-2)?.data ?? '{}') as { status: string; incomplete_details: unknown };
  assert.equal(run.status, 'incomplete');
  assert.deepEqual(run.incomplete_details, { reason: 'max_completion_tokens' });
  const message = JSON.parse(events.find((e) => e.event === 'thread.message.incomplete')?.data ?? '{}') as {
    content: Array<{ text: { value: string } }>;
    incomplete_details: unknown;
  };
  assert.equal(message.content[0]?.text.value, 'one two three');
  assert.deepEqual(message.incomplete_details, { reason: 'max_tokens' });
});
