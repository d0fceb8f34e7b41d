import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startFakeUpstream } from './support/fake-upstream.ts';
import { startGateway, type TestGateway, userWithThread } from './support/gateway.ts';
import { schemaErrors, skipWithoutSchemas } from './support/openai-schemas.ts';
import { parsed, type ReceivedEvent, readEvents } from './support/sse.ts';

let upstream: Awaited<ReturnType<typeof startFakeUpstream>>;
let gateway: TestGateway;

before(async () => {
  upstream = await startFakeUpstream();
  gateway = await startGateway({ upstreamURL: upstream.baseURL });
});

after(async () => {
  await gateway.close();
  await upstream.close();
});

const streamRun = async (token: string, threadId: string, body: object) => {
  const response = await gateway.request(`/v1/threads/${threadId}/runs`, {
    token,
    json: { ...body, stream: true },
  });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
  return readEvents(response);
};

const withoutRepeats = (names: string[]) => names.filter((name, index) => name !== names[index - 1]);

const deltaText = (events: ReceivedEvent[]) =>
  events
    .filter((e) => e.event === 'thread.message.delta')
    .map(
      (e) =>
        parsed<{ delta: { content: Array<{ text: { value: string } }> } }>(e).delta.content[0]?.text.value,
    );

function assertEventsMatchOpenAISchemas(events: ReceivedEvent[]) {
  for (const event of events) {
    const data = event.event === 'done' ? event.data : JSON.parse(event.data);
    assert.deepEqual(
      schemaErrors('AssistantStreamEvent', { event: event.event, data }),
      [],
      `${event.event}`,
    );
  }
}

test('a streamed run sends OpenAI’s events in order, with increasing ids, ending with done', async () => {
  const { token, assistantId, threadId } = await userWithThread(gateway);
  upstream.next({ pieces: ['Hello', ' there', '!'] });
  const events = await streamRun(token, threadId, { assistant_id: assistantId });

  assert.deepEqual(
    // Pieces that reach the gateway together travel as one delta: how many there are depends on the network.
    withoutRepeats(events.map((e) => e.event)),
    [
      'thread.run.created',
      'thread.run.queued',
      'thread.run.in_progress',
      'thread.run.step.created',
      'thread.run.step.in_progress',
      'thread.message.created',
      'thread.message.in_progress',
      'thread.message.delta',
      'thread.message.completed',
      'thread.run.step.completed',
      'thread.run.completed',
      'done',
    ],
  );
  assert.deepEqual(
    events.map((e) => Number(e.id)),
    events.map((_, index) => index + 1),
  );
  assert.equal(events.at(-1)?.data, '[DONE]');
  assert.equal(deltaText(events).join(''), 'Hello there!');

  const completed = parsed<{ id: string; status: string; content: Array<{ text: { value: string } }> }>(
    events.find((e) => e.event === 'thread.message.completed') as ReceivedEvent,
  );
  assert.equal(completed.content[0]?.text.value, 'Hello there!');
  const run = parsed<{ status: string; usage: { prompt_tokens: number; completion_tokens: number } }>(
    events.find((e) => e.event === 'thread.run.completed') as ReceivedEvent,
  );
  assert.deepEqual(run.usage, { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 });

  const stored = await gateway.call<{ data: Array<{ id: string }> }>(
    `/v1/threads/${threadId}/messages?limit=1`,
    { token },
  );
  assert.equal(stored.data[0]?.id, completed.id);
});

test('every streamed event validates against OpenAI’s stream event schemas', {
  skip: skipWithoutSchemas,
}, async () => {
  const { token, assistantId, threadId } = await userWithThread(gateway);
  assertEventsMatchOpenAISchemas(await streamRun(token, threadId, { assistant_id: assistantId }));
});

test('create thread and run streams thread.created first', async () => {
  const token = await gateway.newUser();
  const assistant = await gateway.call<{ id: string }>('/v1/assistants', { token, json: { model: 'm' } });
  const response = await gateway.request('/v1/threads/runs', {
    token,
    json: {
      assistant_id: assistant.id,
      stream: true,
      thread: { messages: [{ role: 'user', content: 'hi' }], metadata: { day: '2026-11-25' } },
    },
  });
  const events = await readEvents(response);
  assert.deepEqual(
    events.slice(0, 3).map((e) => e.event),
    ['thread.created', 'thread.run.created', 'thread.run.queued'],
  );
  const thread = parsed<{ id: string; metadata: object }>(events[0] as ReceivedEvent);
  assert.deepEqual(thread.metadata, { day: '2026-11-25' });
  assert.equal(events.at(-2)?.event, 'thread.run.completed');
  if (!skipWithoutSchemas) assertEventsMatchOpenAISchemas(events);

  const messages = await gateway.call<{ data: Array<{ role: string }> }>(
    `/v1/threads/${thread.id}/messages?order=asc`,
    {
      token,
    },
  );
  assert.deepEqual(
    messages.data.map((m) => m.role),
    ['user', 'assistant'],
  );
});

test('Korean and emoji text cut through its UTF-8 bytes by the upstream arrives intact', async () => {
  const { token, assistantId, threadId } = await userWithThread(gateway, '오늘 정말 행복했어');
  const pieces = ['오늘 ', '정말 ', '좋은 ', '하루였네요 🌸🎉 ', '가장 👨‍👩‍👧 기억에 남는 ', '순간은요?'];
  upstream.next({ pieces, writeBytes: 7, delayMs: 1 });
  const events = await streamRun(token, threadId, { assistant_id: assistantId });

  const expected = pieces.join('');
  assert.equal(deltaText(events).join(''), expected);
  for (const text of deltaText(events))
    assert.doesNotMatch(text ?? '', /\uFFFD/, 'no replacement characters');
  const stored = await gateway.call<{ data: Array<{ content: Array<{ text: { value: string } }> }> }>(
    `/v1/threads/${threadId}/messages?limit=1`,
    { token },
  );
  assert.equal(stored.data[0]?.content[0]?.text.value, expected);
});

test('an emoji whose UTF-16 halves arrive in separate upstream chunks is never sent split', async () => {
  const { token, assistantId, threadId } = await userWithThread(gateway);
  const emoji = '😀';
  upstream.next({ pieces: [`Great ${emoji[0]}`, `${emoji[1]} day`] });
  const events = await streamRun(token, threadId, { assistant_id: assistantId });
  const deltas = deltaText(events);
  assert.equal(deltas.join(''), `Great ${emoji} day`);
  for (const text of deltas) assert.ok(text?.isWellFormed(), `delta ${JSON.stringify(text)} is well-formed`);
});

test('the prompt is the instructions, then the thread’s conversation in order', async () => {
  const { token, assistantId, threadId } = await userWithThread(gateway, 'first');
  await gateway.call(`/v1/threads/${threadId}/messages`, {
    token,
    json: { role: 'assistant', content: 'second' },
  });
  await gateway.call(`/v1/threads/${threadId}/messages`, {
    token,
    json: { role: 'user', content: [{ type: 'text', text: 'third' }] },
  });
  await streamRun(token, threadId, {
    assistant_id: assistantId,
    model: 'override-model',
    additional_instructions: 'Be brief.',
    temperature: 0.3,
  });
  const request = upstream.requests.at(-1);
  assert.equal(request?.body.model, 'override-model');
  assert.equal(request?.body.temperature, 0.3);
  assert.equal(request?.authorization, 'Bearer sk-test-upstream');
  assert.deepEqual(request?.body.messages, [
    { role: 'system', content: 'Reply warmly, then ask one short question.\n\nBe brief.' },
    { role: 'user', content: 'first' },
    { role: 'assistant', content: 'second' },
    { role: 'user', content: 'third' },
  ]);
});

test('a run’s own instructions and additional_messages make its prompt, after the thread’s messages', async () => {
  const { token, assistantId, threadId } = await userWithThread(gateway, 'first');
  await streamRun(token, threadId, {
    assistant_id: assistantId,
    instructions: 'Answer in one word.',
    additional_messages: [
      { role: 'assistant', content: 'Earlier reply.' },
      { role: 'user', content: [{ type: 'text', text: 'And now?' }] },
    ],
  });
  assert.deepEqual(upstream.requests.at(-1)?.body.messages, [
    { role: 'system', content: 'Answer in one word.' },
    { role: 'user', content: 'first' },
    { role: 'assistant', content: 'Earlier reply.' },
    { role: 'user', content: 'And now?' },
  ]);
});
