import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { queueRunOnThread } from '../src/engine/queue-run.ts';
import { startFakeUpstream } from './support/fake-upstream.ts';
import { startGateway, type TestGateway, userWithThread } from './support/gateway.ts';
import { schemaErrors, skipWithoutSchemas } from './support/openai-schemas.ts';
import { parsed, type ReceivedEvent, readEvents } from './support/sse.ts';

let upstream: Awaited<ReturnType<typeof startFakeUpstream>>;
let gateway: TestGateway;
const slowReply = { pieces: Array.from({ length: 60 }, (_, i) => `w${i} `), delayMs: 20 };

before(async () => {
  upstream = await startFakeUpstream(slowReply);
  gateway = await startGateway({ upstreamURL: upstream.baseURL, maxRunMs: 300 });
});

after(async () => {
  await gateway.close();
  await upstream.close();
});

test('a run still generating when its time is up expires, keeping the partial reply', async () => {
  const { token, assistantId, threadId } = await userWithThread(gateway);
  const events = await readEvents(
    await gateway.request(`/v1/threads/${threadId}/runs`, {
      token,
      json: { assistant_id: assistantId, stream: true },
    }),
  );
  assert.deepEqual(
    events.slice(-4).map((e) => e.event),
    ['thread.message.incomplete', 'thread.run.step.expired', 'thread.run.expired', 'done'],
  );
  const message = parsed<{
    incomplete_details: { reason: string };
    content: Array<{ text: { value: string } }>;
  }>(events.at(-4) as ReceivedEvent);
  assert.deepEqual(message.incomplete_details, { reason: 'run_expired' });
  assert.match(message.content[0]?.text.value ?? '', /^w0 w1 /);
  const runs = await gateway.call<{ data: Array<{ status: string }> }>(`/v1/threads/${threadId}/runs`, {
    token,
  });
  assert.equal(runs.data[0]?.status, 'expired');
  if (!skipWithoutSchemas) {
    for (const event of events.slice(0, -1)) {
      assert.deepEqual(
        schemaErrors('AssistantStreamEvent', { event: event.event, data: JSON.parse(event.data) }),
        [],
      );
    }
  }
});

test('a run cancelled before it starts generating ends cancelled without a reply', async () => {
  const { token, assistantId, threadId } = await userWithThread(gateway);
  const ownerId = (
    await gateway.db
      .selectFrom('threads')
      .select('user_id')
      .where('id', '=', threadId)
      .executeTakeFirstOrThrow()
  ).user_id;
  const modelCalls = upstream.requests.length;
  const run = await queueRunOnThread(gateway.db, ownerId, threadId, { assistant_id: assistantId });
  const started = gateway.engine.start(ownerId, run);
  await gateway.engine.cancel(ownerId, run.id);
  const events: string[] = [];
  for await (const event of started.events()) events.push(event.event);
  assert.deepEqual(events, [
    'thread.run.created',
    'thread.run.queued',
    'thread.run.cancelling',
    'thread.run.cancelled',
    'done',
  ]);
  const messages = await gateway.call<{ data: Array<{ role: string }> }>(`/v1/threads/${threadId}/messages`, {
    token,
  });
  assert.deepEqual(
    messages.data.map((m) => m.role),
    ['user'],
  );
  assert.equal(upstream.requests.length, modelCalls, 'the model was never called for this run');
});

test('metadata set on a run and its reply while it generates survives the run finishing', async () => {
  const { token, assistantId, threadId } = await userWithThread(gateway);
  upstream.next({ pieces: ['a ', 'b ', 'c ', 'd'], delayMs: 20 });
  const modelCalls = upstream.requests.length;
  const run = await gateway.call<{ id: string }>(`/v1/threads/${threadId}/runs`, {
    token,
    json: { assistant_id: assistantId },
  });
  while (upstream.requests.length === modelCalls) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const reply = await gateway.call<{ data: Array<{ id: string }> }>(
    `/v1/threads/${threadId}/messages?limit=1`,
    { token },
  );
  await gateway.call(`/v1/threads/${threadId}/runs/${run.id}`, {
    token,
    json: { metadata: { tag: 'kept' } },
  });
  await gateway.call(`/v1/threads/${threadId}/messages/${reply.data[0]?.id}`, {
    token,
    json: { metadata: { starred: 'yes' } },
  });
  await gateway.engine.idle();

  const finished = await gateway.call<{ status: string; metadata: object }>(
    `/v1/threads/${threadId}/runs/${run.id}`,
    {
      token,
    },
  );
  assert.equal(finished.status, 'completed');
  assert.deepEqual(finished.metadata, { tag: 'kept' });
  const message = await gateway.call<{
    status: string;
    metadata: object;
    content: Array<{ text: { value: string } }>;
  }>(`/v1/threads/${threadId}/messages/${reply.data[0]?.id}`, { token });
  assert.equal(message.status, 'completed');
  assert.equal(message.content[0]?.text.value, 'a b c d');
  assert.deepEqual(message.metadata, { starred: 'yes' });
});
