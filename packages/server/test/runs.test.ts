import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { startFakeUpstream } from './support/fake-upstream.ts';
import { startGateway, type TestGateway, userWithThread } from './support/gateway.ts';
import { schemaErrors, skipWithoutSchemas } from './support/openai-schemas.ts';
import { eventsOf, parsed, type ReceivedEvent, readEvents } from './support/sse.ts';

interface RunBody {
  id: string;
  status: string;
  last_error: { code: string; message: string } | null;
  usage: object | null;
}
interface MessageBody {
  id: string;
  role: string;
  status: string;
  incomplete_details: { reason: string } | null;
  content: Array<{ text: { value: string } }>;
}

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

const slowReply = { pieces: Array.from({ length: 40 }, (_, i) => `word${i} `), delayMs: 25 };

const lastMessage = async (token: string, threadId: string) =>
  (await gateway.call<{ data: MessageBody[] }>(`/v1/threads/${threadId}/messages?limit=1`, { token }))
    .data[0] as MessageBody;

test('without stream, create answers the queued run at once and polling sees it complete', async () => {
  const { token, assistantId, threadId } = await userWithThread(gateway);
  upstream.next({ pieces: ['Fine', ' thanks.'], delayMs: 20 });
  const queued = await gateway.call<RunBody>(`/v1/threads/${threadId}/runs`, {
    token,
    json: { assistant_id: assistantId, metadata: { source: 'test' } },
  });
  assert.equal(queued.status, 'queued');
  assert.equal(queued.usage, null);

  let run = queued;
  for (let polls = 0; polls < 200 && run.status !== 'completed'; polls++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    run = await gateway.call<RunBody>(`/v1/threads/${threadId}/runs/${queued.id}`, { token });
  }
  assert.equal(run.status, 'completed');
  assert.ok(run.usage);
  assert.equal((await lastMessage(token, threadId)).content[0]?.text.value, 'Fine thanks.');
  if (!skipWithoutSchemas) assert.deepEqual(schemaErrors('RunObject', run), []);
});

test('a thread with an active run refuses a second run and new messages with OpenAI’s wording', async () => {
  const { token, assistantId, threadId } = await userWithThread(gateway);
  upstream.next(slowReply);
  const run = await gateway.call<RunBody>(`/v1/threads/${threadId}/runs`, {
    token,
    json: { assistant_id: assistantId },
  });

  const secondRun = await gateway.request(`/v1/threads/${threadId}/runs`, {
    token,
    json: { assistant_id: assistantId },
  });
  assert.equal(secondRun.status, 400);
  assert.equal(
    ((await secondRun.json()) as { error: { message: string } }).error.message,
    `Thread ${threadId} already has an active run ${run.id}.`,
  );
  const message = await gateway.request(`/v1/threads/${threadId}/messages`, {
    token,
    json: { role: 'user', content: 'wait' },
  });
  assert.equal(message.status, 400);
  assert.equal(
    ((await message.json()) as { error: { message: string } }).error.message,
    `Can't add messages to ${threadId} while a run ${run.id} is active.`,
  );

  await gateway.call(`/v1/threads/${threadId}/runs/${run.id}/cancel`, { token, method: 'POST' });
  await gateway.engine.idle();
  const messages = await gateway.call<{ data: MessageBody[] }>(`/v1/threads/${threadId}/messages`, { token });
  assert.deepEqual(
    messages.data.map((message) => message.role),
    ['user'],
    'the refused message was not stored, and a run cancelled before it wrote leaves no reply',
  );
  await gateway.call(`/v1/threads/${threadId}/messages`, {
    token,
    json: { role: 'user', content: 'now it works' },
  });
});

test('cancel stops generation and keeps the partial reply as incomplete', async () => {
  const { token, assistantId, threadId } = await userWithThread(gateway);
  upstream.next(slowReply);
  const response = await gateway.request(`/v1/threads/${threadId}/runs`, {
    token,
    json: { assistant_id: assistantId, stream: true },
  });
  const events: ReceivedEvent[] = [];
  let runId = '';
  let cancelAnswer: RunBody | undefined;
  for await (const event of eventsOf(response)) {
    events.push(event);
    if (event.event === 'thread.run.created') runId = parsed<RunBody>(event).id;
    if (event.event === 'thread.message.delta' && !cancelAnswer) {
      cancelAnswer = await gateway.call<RunBody>(`/v1/threads/${threadId}/runs/${runId}/cancel`, {
        token,
        method: 'POST',
      });
    }
  }
  assert.equal(cancelAnswer?.status, 'cancelling');
  assert.deepEqual(
    events.slice(-5).map((e) => e.event),
    [
      'thread.run.cancelling',
      'thread.message.incomplete',
      'thread.run.step.cancelled',
      'thread.run.cancelled',
      'done',
    ],
  );
  const upstreamRequest = upstream.requests.at(-1);
  for (let waits = 0; waits < 100 && !upstreamRequest?.abandoned; waits++)
    await new Promise((r) => setTimeout(r, 10));
  assert.equal(upstreamRequest?.abandoned, true, 'the upstream request was cut off');

  const message = await lastMessage(token, threadId);
  assert.equal(message.status, 'incomplete');
  assert.deepEqual(message.incomplete_details, { reason: 'run_cancelled' });
  const partial = message.content[0]?.text.value ?? '';
  assert.ok(partial.startsWith('word0 '), 'the words streamed before the cancel are kept');
  assert.ok(partial.length < slowReply.pieces.join('').length, 'generation stopped early');
  const run = await gateway.call<RunBody>(`/v1/threads/${threadId}/runs/${runId}`, { token });
  assert.equal(run.status, 'cancelled');
  if (!skipWithoutSchemas) {
    assert.deepEqual(schemaErrors('MessageObject', message), []);
    assert.deepEqual(schemaErrors('RunObject', run), []);
  }

  const again = await gateway.request(`/v1/threads/${threadId}/runs/${runId}/cancel`, {
    token,
    method: 'POST',
  });
  assert.equal(again.status, 400);
  assert.match(((await again.json()) as { error: { message: string } }).error.message, /status 'cancelled'/);
});

test('a client that disconnects mid-stream does not stop the run: it completes and is stored', async () => {
  const url = gateway.url || (await gateway.listen());
  const { token, assistantId, threadId } = await userWithThread(gateway);
  upstream.next({ pieces: ['one ', 'two ', 'three ', 'four ', 'five'], delayMs: 20 });
  const hangUp = new AbortController();
  const response = await fetch(`${url}/v1/threads/${threadId}/runs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ assistant_id: assistantId, stream: true }),
    signal: hangUp.signal,
  });
  let runId = '';
  await assert.rejects(async () => {
    for await (const event of eventsOf(response)) {
      if (event.event === 'thread.run.created') runId = parsed<RunBody>(event).id;
      if (event.event === 'thread.message.delta') hangUp.abort();
    }
  });
  assert.ok(gateway.engine.isRunning(runId), 'still running after the client left');
  await gateway.engine.idle();

  const run = await gateway.call<RunBody>(`/v1/threads/${threadId}/runs/${runId}`, { token });
  assert.equal(run.status, 'completed');
  const message = await lastMessage(token, threadId);
  assert.equal(message.status, 'completed');
  assert.equal(message.content[0]?.text.value, 'one two three four five');
});

test('an upstream that fails mid-stream fails the run with last_error and keeps the partial text', async () => {
  const { token, assistantId, threadId } = await userWithThread(gateway);
  upstream.next({ pieces: ['Half ', 'a ', 'thought ', 'never finished'], dropAfter: 2 });
  const events = await readEvents(
    await gateway.request(`/v1/threads/${threadId}/runs`, {
      token,
      json: { assistant_id: assistantId, stream: true },
    }),
  );
  assert.deepEqual(
    events.slice(-4).map((e) => e.event),
    ['thread.message.incomplete', 'thread.run.step.failed', 'thread.run.failed', 'done'],
  );
  const failed = parsed<RunBody>(events.at(-2) as ReceivedEvent);
  assert.equal(failed.status, 'failed');
  assert.equal(failed.last_error?.code, 'server_error');
  assert.ok(failed.last_error?.message);

  const message = await lastMessage(token, threadId);
  assert.equal(message.status, 'incomplete');
  assert.deepEqual(message.incomplete_details, { reason: 'run_failed' });
  assert.equal(message.content[0]?.text.value, 'Half a ');
  if (!skipWithoutSchemas) {
    for (const event of events.slice(0, -1)) {
      assert.deepEqual(
        schemaErrors('AssistantStreamEvent', { event: event.event, data: JSON.parse(event.data) }),
        [],
      );
    }
  }
});

test('an upstream that keeps rate limiting fails the run as rate_limit_exceeded, and the thread accepts a new run', async () => {
  const { token, assistantId, threadId } = await userWithThread(gateway);
  upstream.next({ pieces: ['never', ' sent'], statuses: Array.from({ length: 100 }, () => 429) });
  const events = await readEvents(
    await gateway.request(`/v1/threads/${threadId}/runs`, {
      token,
      json: { assistant_id: assistantId, stream: true },
    }),
  );
  const failed = parsed<RunBody>(events.find((e) => e.event === 'thread.run.failed') as ReceivedEvent);
  assert.equal(failed.last_error?.code, 'rate_limit_exceeded');
  assert.doesNotMatch(failed.last_error?.message ?? '', /upstream says/, 'no upstream text reaches users');
  upstream.reset();

  const retry = await readEvents(
    await gateway.request(`/v1/threads/${threadId}/runs`, {
      token,
      json: { assistant_id: assistantId, stream: true },
    }),
  );
  assert.equal(retry.at(-2)?.event, 'thread.run.completed');
});

test('deleting a thread with a run in progress cancels the run and removes everything', async () => {
  const { token, assistantId, threadId } = await userWithThread(gateway);
  upstream.next(slowReply);
  const run = await gateway.call<RunBody>(`/v1/threads/${threadId}/runs`, {
    token,
    json: { assistant_id: assistantId },
  });
  const deleted = await gateway.call(`/v1/threads/${threadId}`, { token, method: 'DELETE' });
  assert.deepEqual(deleted, { id: threadId, object: 'thread.deleted', deleted: true });
  assert.equal(gateway.engine.isRunning(run.id), false);
  assert.equal((await gateway.request(`/v1/threads/${threadId}/runs/${run.id}`, { token })).status, 404);
  assert.equal((await gateway.request(`/v1/threads/${threadId}/messages`, { token })).status, 404);
});

test('modifying a run changes only its metadata', async () => {
  const { token, assistantId, threadId } = await userWithThread(gateway);
  const run = await gateway.call<RunBody>(`/v1/threads/${threadId}/runs`, {
    token,
    json: { assistant_id: assistantId },
  });
  await gateway.engine.idle();
  const modified = await gateway.call<RunBody & { metadata: object }>(
    `/v1/threads/${threadId}/runs/${run.id}`,
    {
      token,
      json: { metadata: { mood: 'calm' } },
    },
  );
  assert.deepEqual(modified.metadata, { mood: 'calm' });
  assert.equal(modified.status, 'completed');
});
