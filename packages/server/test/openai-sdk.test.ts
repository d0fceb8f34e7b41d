import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import OpenAI from 'openai';
import { startFakeUpstream } from './support/fake-upstream.ts';
import { startGateway, type TestGateway } from './support/gateway.ts';
import { assertOpenAIShape, schemaErrors, skipWithoutSchemas } from './support/openai-schemas.ts';

let upstream: Awaited<ReturnType<typeof startFakeUpstream>>;
let gateway: TestGateway;
let client: OpenAI;

before(async () => {
  upstream = await startFakeUpstream({
    pieces: ['That sounds ', 'lovely. ', 'What did you see ', 'by the river?'],
  });
  gateway = await startGateway({ upstreamURL: upstream.baseURL });
  const url = await gateway.listen();
  client = new OpenAI({ apiKey: await gateway.newUser(), baseURL: `${url}/v1`, maxRetries: 0 });
});

after(async () => {
  await gateway.close();
  await upstream.close();
});

const assertSchema = (name: string, value: unknown) =>
  assert.deepEqual(schemaErrors(name, value), [], `${name}`);

test('the official openai SDK runs the whole Assistants flow against the gateway', {
  skip: false,
}, async () => {
  const assistant = await client.beta.assistants.create({
    model: 'gpt-test',
    name: 'Haru',
    instructions: 'Reply warmly, then ask one question.',
  });
  assert.match(assistant.id, /^asst_/);
  const listed = await client.beta.assistants.list();
  assert.deepEqual(
    listed.data.map((a) => a.id),
    [assistant.id],
  );

  const thread = await client.beta.threads.create();
  assert.match(thread.id, /^thread_/);
  const userMessage = await client.beta.threads.messages.create(thread.id, {
    role: 'user',
    content: 'I walked by the river today.',
  });

  // No pollIntervalMs: the SDK's own polling must follow the gateway's openai-poll-after-ms hint.
  const pollStarted = Date.now();
  const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
  // Without the hint the SDK sleeps 5 s between polls; with it the reply is back in well under that.
  assert.ok(Date.now() - pollStarted < 4000, 'createAndPoll follows openai-poll-after-ms');
  assert.equal(run.status, 'completed');
  assert.ok(run.usage && run.usage.total_tokens > 0, 'a finished run reports usage');

  const afterPoll = await client.beta.threads.messages.list(thread.id, { order: 'asc' });
  assert.deepEqual(
    afterPoll.data.map((m) => [
      m.id === userMessage.id ? 'user' : m.role,
      m.content[0]?.type === 'text' ? m.content[0].text.value : '',
    ]),
    [
      ['user', 'I walked by the river today.'],
      ['assistant', 'That sounds lovely. What did you see by the river?'],
    ],
  );
  assert.equal(
    upstream.requests.at(-1)?.body.messages[0]?.role,
    'system',
    'instructions become the system prompt',
  );

  await client.beta.threads.messages.create(thread.id, { role: 'user', content: 'Ducks, mostly.' });
  upstream.next({ pieces: ['Ducks ', 'are ', 'great! ', 'Were they noisy?'] });
  const created: string[] = [];
  const deltas: string[] = [];
  const snapshots: string[] = [];
  const stream = client.beta.threads.runs
    .stream(thread.id, { assistant_id: assistant.id })
    .on('textCreated', (text) => created.push(text.value))
    .on('textDelta', (delta, snapshot) => {
      deltas.push(delta.value ?? '');
      snapshots.push(snapshot.value);
    });
  const finalMessages = await stream.finalMessages();
  const finalRun = await stream.finalRun();

  assert.equal(created.length, 1, 'textCreated fires once');
  assert.equal(deltas.join(''), 'Ducks are great! Were they noisy?');
  assert.equal(snapshots.at(-1), 'Ducks are great! Were they noisy?');
  assert.equal(finalRun.status, 'completed');
  assert.equal(finalMessages.length, 1);

  const latest = await client.beta.threads.messages.list(thread.id, { limit: 1 });
  assert.deepEqual(
    latest.data[0],
    finalMessages[0],
    'the streamed final message is exactly what the list returns',
  );
  assert.equal(latest.data[0]?.status, 'completed');

  if (!skipWithoutSchemas) {
    assertSchema('AssistantObject', assistant);
    assertSchema('ThreadObject', thread);
    assertSchema('MessageObject', userMessage);
    assertSchema('RunObject', run);
    assertSchema('RunObject', finalRun);
    for (const message of afterPoll.data) assertSchema('MessageObject', message);
  }
});

test('OpenAI schemas are checked', { skip: skipWithoutSchemas }, () => {
  assert.notDeepEqual(
    schemaErrors('RunObject', { id: 'run_x' }),
    [],
    'the validator rejects an incomplete run',
  );
  assert.throws(
    () => assertOpenAIShape({ object: 'thread.message', id: 'msg_x' }, 'a bare message'),
    /MessageObject/,
  );
  const eventWithBadRun = { event: 'thread.run.completed', data: { id: 'run_x', object: 'thread.run' } };
  assert.notDeepEqual(schemaErrors('AssistantStreamEvent', eventWithBadRun), [], 'stream events are checked');
});
