import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { runOnThread } from '../src/engine/queue-run.ts';
import { newId, nowSeconds } from '../src/ids.ts';
import type { ModelProvider } from '../src/providers/model-provider.ts';
import { CreateRunRequest, newRun } from '../src/schemas/run.ts';
import { inGroupCommit, isCommitting } from '../src/storage/group-commit.ts';
import { storesFor } from '../src/storage/stores.ts';
import { controlledModel, manualTimers } from './support/controlled-model.ts';
import { startGateway, type TestGateway, userWithThread } from './support/gateway.ts';
import { eventsOf, parsed, type ReceivedEvent, readEvents } from './support/sse.ts';

const model = controlledModel();
const timers = manualTimers();
const maxRunMs = 600_000;
let gateway: TestGateway;

before(async () => {
  gateway = await startGateway({ provider: model.provider, engine: { timers, maxRunMs } });
});

after(async () => {
  await gateway.close();
});

const ownerOf = async (threadId: string, on: TestGateway = gateway) =>
  (await on.db.selectFrom('threads').select('user_id').where('id', '=', threadId).executeTakeFirstOrThrow())
    .user_id;

/**
 * Work queued in the current batch whose commit fails: it breaks a foreign key only checked at commit,
 * after every statement of the batch ran.
 */
const commitThatFails = (db: TestGateway['db']) =>
  inGroupCommit(db, async (trx) => {
    await sql`pragma defer_foreign_keys = on`.execute(trx);
    await trx
      .insertInto('assistants')
      .values({ id: 'asst_orphan', user_id: 'user_nobody', created_at: 0, body: '{}' })
      .execute();
  });

/** A run generating on a new thread, its model called and waiting for what the test has it say. */
async function generatingRun() {
  const { token, assistantId, threadId } = await userWithThread(gateway);
  model.reset();
  const run = await gateway.call<{ id: string }>(`/v1/threads/${threadId}/runs`, {
    token,
    json: { assistant_id: assistantId },
  });
  await model.called();
  return { token, threadId, runId: run.id };
}

test('a run still generating when its time is up expires, keeping the partial reply', async () => {
  const { token, assistantId, threadId } = await userWithThread(gateway);
  model.reset();
  const response = await gateway.request(`/v1/threads/${threadId}/runs`, {
    token,
    json: { assistant_id: assistantId, stream: true },
  });
  const events: ReceivedEvent[] = [];
  await model.called();
  model.say('w0 w1 ');
  for await (const event of eventsOf(response)) {
    events.push(event);
    if (event.event === 'thread.message.delta') timers.fire(maxRunMs);
  }
  assert.deepEqual(
    events.slice(-4).map((e) => e.event),
    ['thread.message.incomplete', 'thread.run.step.expired', 'thread.run.expired', 'done'],
  );
  const message = parsed<{
    incomplete_details: { reason: string };
    content: Array<{ text: { value: string } }>;
  }>(events.at(-4) as ReceivedEvent);
  assert.deepEqual(message.incomplete_details, { reason: 'run_expired' });
  assert.equal(message.content[0]?.text.value, 'w0 w1 ');
  const runs = await gateway.call<{ data: Array<{ status: string }> }>(`/v1/threads/${threadId}/runs`, {
    token,
  });
  assert.equal(runs.data[0]?.status, 'expired');
});

test('a run no instance is generating is cancelled where it is stored, without a reply', async () => {
  const { token, assistantId, threadId } = await userWithThread(gateway);
  const userId = await ownerOf(threadId);
  const stores = storesFor(gateway.db);
  const assistant = await stores.assistants.find(userId, assistantId);
  assert.ok(assistant);
  const run = newRun(newId('run'), nowSeconds(), threadId, assistant, { assistant_id: assistantId });
  await stores.runs.insert(userId, run);

  const cancelled = await gateway.call<{ status: string }>(`/v1/threads/${threadId}/runs/${run.id}/cancel`, {
    token,
    method: 'POST',
  });
  assert.equal(cancelled.status, 'cancelled');
  const replay = await readEvents(
    await gateway.request(`/v1/threads/${threadId}/runs/${run.id}/stream`, { token }),
  );
  assert.deepEqual(
    replay.map((e) => e.event),
    ['thread.run.cancelling', 'thread.run.cancelled', 'done'],
  );
  const messages = await gateway.call<{ data: Array<{ role: string }> }>(`/v1/threads/${threadId}/messages`, {
    token,
  });
  assert.deepEqual(
    messages.data.map((m) => m.role),
    ['user'],
  );
});

test('metadata set on a run and its reply while it generates survives the run finishing', async () => {
  const { token, threadId, runId } = await generatingRun();
  model.say('a b ');
  // The reply opens with its first text and is stored at once; a poller sees it a moment later.
  type Page = { data: Array<{ id: string; role: string }> };
  let reply: Page | undefined;
  for (let polls = 0; reply?.data[0]?.role !== 'assistant'; polls++) {
    assert.ok(polls < 10_000, 'the reply was never stored');
    reply = await gateway.call<Page>(`/v1/threads/${threadId}/messages?limit=1`, { token });
    await new Promise((resolve) => setImmediate(resolve));
  }
  await gateway.call(`/v1/threads/${threadId}/runs/${runId}`, {
    token,
    json: { metadata: { tag: 'kept' } },
  });
  await gateway.call(`/v1/threads/${threadId}/messages/${reply.data[0]?.id}`, {
    token,
    json: { metadata: { starred: 'yes' } },
  });
  model.say('c d');
  model.finish();
  await gateway.engine.idle();

  const finished = await gateway.call<{ status: string; metadata: object }>(
    `/v1/threads/${threadId}/runs/${runId}`,
    { token },
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

test('the partial reply is stored while the run generates, not only at its end', async () => {
  const { token, assistantId, threadId } = await userWithThread(gateway);
  model.reset();
  const response = await gateway.request(`/v1/threads/${threadId}/runs`, {
    token,
    json: { assistant_id: assistantId, stream: true },
  });
  const events = eventsOf(response);
  await model.called();
  model.say('written so far');
  for await (const event of events) if (event.event === 'thread.message.delta') break;
  // The write due within 250 ms, brought forward by the test's clock; then wait for it to land.
  timers.fire(250);
  type Page = { data: Array<{ role: string; status: string; content: Array<{ text: { value: string } }> }> };
  let stored: Page['data'][number] | undefined;
  for (let polls = 0; stored?.role !== 'assistant' || !stored.content.length; polls++) {
    assert.ok(polls < 10_000, 'the partial reply was never stored');
    stored = (await gateway.call<Page>(`/v1/threads/${threadId}/messages?limit=1`, { token })).data[0];
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.equal(stored.status, 'in_progress');
  assert.equal(stored.content[0]?.text.value, 'written so far');
  model.finish();
  await gateway.engine.idle();
});

test('shutdown waits for a run still being stored when it began, then ends it like the others', async () => {
  const own = await startGateway({ provider: controlledModel().provider });
  try {
    const { assistantId, threadId } = await userWithThread(own);
    const userId = await ownerOf(threadId, own);
    let storeIt: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      storeIt = resolve;
    });
    const beginning = own.engine.begin(userId, async (tx) => {
      const made = await runOnThread(
        tx,
        userId,
        threadId,
        CreateRunRequest.parse({ assistant_id: assistantId }),
      );
      await held;
      return made;
    });
    // The run is past the check that refuses new runs, and not stored yet, when shutdown starts.
    await new Promise(setImmediate);
    const shuttingDown = own.engine.shutdown(0);
    storeIt();
    const { run } = await beginning;
    await shuttingDown;
    assert.equal(own.engine.isRunning(run.id), false, 'nothing of it goes on after shutdown');
    const stored = await storesFor(own.db).runs.find(userId, run.id);
    assert.equal(stored?.status, 'failed');
    assert.match(stored?.last_error?.message ?? '', /restart/i);
  } finally {
    await own.close();
  }
});

test('a write of the run that fails to commit is made again: its end is stored before readers are told it is over', async () => {
  const { token, threadId, runId } = await generatingRun();
  model.say('Every word kept.');
  // Another work of the same batch makes the commit itself fail, after the run's statements all ran.
  const failing = commitThatFails(gateway.db);
  model.finish();
  await assert.rejects(failing, /FOREIGN KEY/);
  await gateway.engine.idle();
  const run = await gateway.call<{ status: string }>(`/v1/threads/${threadId}/runs/${runId}`, { token });
  assert.equal(run.status, 'completed');
  type Page = { data: Array<{ status: string; content: Array<{ text: { value: string } }> }> };
  const [reply] = (await gateway.call<Page>(`/v1/threads/${threadId}/messages?limit=1`, { token })).data;
  assert.equal(reply?.status, 'completed');
  assert.equal(reply?.content[0]?.text.value, 'Every word kept.');
});

test('a run calls its model before its transaction commits, and hangs the call up when the commit fails', async () => {
  const calls: Array<{ signal: AbortSignal; whileCommitting: boolean }> = [];
  let db: TestGateway['db'] | undefined;
  const recording: ModelProvider = {
    name: 'recording-model',
    async *stream(request) {
      calls.push({ signal: request.signal, whileCommitting: db !== undefined && isCommitting(db) });
      await new Promise((resolve) => request.signal.addEventListener('abort', resolve, { once: true }));
    },
  };
  const own = await startGateway({ provider: recording });
  db = own.db;
  try {
    const { assistantId, threadId } = await userWithThread(own);
    const userId = await ownerOf(threadId, own);
    const request = CreateRunRequest.parse({ assistant_id: assistantId });
    const beginning = own.engine.begin(userId, (tx) => runOnThread(tx, userId, threadId, request));
    // In the same batch, a work whose commit fails: the run's statements all ran, and so did its call.
    const failing = commitThatFails(own.db);
    await assert.rejects(beginning, /FOREIGN KEY/);
    await assert.rejects(failing, /FOREIGN KEY/);
    assert.equal(calls.length, 1);
    assert.equal(calls[0]?.whileCommitting, true, 'the model was called before the commit');
    assert.equal(calls[0]?.signal.aborted, true, 'and hung up when the commit failed');
    assert.equal(await storesFor(own.db).runs.activeInThread(userId, threadId), undefined);
    const { run } = await own.engine.begin(userId, (tx) => runOnThread(tx, userId, threadId, request));
    assert.equal(calls.length, 2, 'the thread takes a new run');
    await own.engine.cancel(userId, run);
    await own.engine.idle();
  } finally {
    await own.close();
  }
});

test('once another instance has closed a run as abandoned, this one stores nothing more of it', async () => {
  const { runId } = await generatingRun();
  const storedReply = async () => {
    const row = await gateway.db
      .selectFrom('messages')
      .select('body')
      .where('run_id', '=', runId)
      .executeTakeFirst();
    const reply = row && (JSON.parse(row.body) as { content: Array<{ text: { value: string } }> });
    return reply?.content[0]?.text.value;
  };
  // The model's words reach the engine within the turn; its timed write is then brought forward.
  const sayAndStore = async (text: string) => {
    model.say(text);
    await new Promise((resolve) => setImmediate(resolve));
    timers.fire(250);
    await new Promise((resolve) => setImmediate(resolve));
  };
  await sayAndStore('Before the takeover.');
  for (let polls = 0; (await storedReply()) !== 'Before the takeover.'; polls++) {
    assert.ok(polls < 10_000, 'the partial reply was never stored');
    await new Promise((resolve) => setImmediate(resolve));
  }
  // What another instance does when it judges this one gone: the run is closed and now its.
  await gateway.db
    .updateTable('runs')
    .set({ status: 'failed', owner: 'engine_elsewhere' })
    .where('id', '=', runId)
    .execute();
  await sayAndStore(' After it.');
  // Its next write finds the run is no longer its own, and it stops generating.
  for (let polls = 0; gateway.engine.isRunning(runId); polls++) {
    assert.ok(polls < 10_000, 'this instance went on generating a run another had closed');
    await new Promise((resolve) => setImmediate(resolve));
  }
  model.finish();
  await gateway.engine.idle();
  assert.equal(await storedReply(), 'Before the takeover.');
});

test('metadata stored on a run and on its reply while it streams is what its last events carry', async () => {
  const { token, assistantId, threadId } = await userWithThread(gateway);
  model.reset();
  const response = await gateway.request(`/v1/threads/${threadId}/runs`, {
    token,
    json: { assistant_id: assistantId, stream: true },
  });
  await model.called();
  model.say('Tell me more. ');
  const events: ReceivedEvent[] = [];
  for await (const event of eventsOf(response)) {
    events.push(event);
    if (event.event !== 'thread.message.delta') continue;
    const { id: runId } = parsed<{ id: string }>(
      events.find((e) => e.event === 'thread.run.created') as ReceivedEvent,
    );
    const { id: replyId } = parsed<{ id: string }>(
      events.find((e) => e.event === 'thread.message.created') as ReceivedEvent,
    );
    await gateway.call(`/v1/threads/${threadId}/runs/${runId}`, {
      token,
      json: { metadata: { day: '2026-11-27' } },
    });
    await gateway.call(`/v1/threads/${threadId}/messages/${replyId}`, {
      token,
      json: { metadata: { haru_shown: '5' } },
    });
    model.finish();
  }
  const last = (name: string) =>
    parsed<{ metadata: unknown }>(events.findLast((e) => e.event === name) as ReceivedEvent).metadata;
  assert.deepEqual(last('thread.run.completed'), { day: '2026-11-27' });
  assert.deepEqual(last('thread.message.completed'), { haru_shown: '5' });
});
