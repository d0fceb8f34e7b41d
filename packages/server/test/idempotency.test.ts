import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { hashToken } from '../src/auth/device-tokens.ts';
import { idempotencyStore } from '../src/storage/idempotency-store.ts';
import { storesFor } from '../src/storage/stores.ts';
import { startFakeUpstream } from './support/fake-upstream.ts';
import { gatedModel } from './support/gated-model.ts';
import { startGateway, type TestGateway, userWithThread } from './support/gateway.ts';
import { parsed, type ReceivedEvent, readEvents } from './support/sse.ts';

let upstream: Awaited<ReturnType<typeof startFakeUpstream>>;
let gateway: TestGateway;

before(async () => {
  upstream = await startFakeUpstream({ pieces: ['Once', ' and', ' only', ' once.'] });
  gateway = await startGateway({ upstreamURL: upstream.baseURL });
});

after(async () => {
  await gateway.close();
  await upstream.close();
});

type Listed = { data: Array<{ id: string }> };

/** Each create, how to count what it made, and a second body that differs. */
async function creates(token: string) {
  const { id: assistantId } = await gateway.call<{ id: string }>('/v1/assistants', {
    token,
    json: { model: 'test-model' },
  });
  const thread = async () =>
    (
      await gateway.call<{ id: string }>('/v1/threads', {
        token,
        json: { messages: [{ role: 'user', content: 'hi' }] },
      })
    ).id;
  const runThread = await thread();
  const messageThread = await thread();
  const count = async (path: string) => (await gateway.call<Listed>(path, { token })).data.length;
  return [
    {
      path: '/v1/assistants',
      body: { model: 'test-model', name: 'A' },
      changed: { model: 'test-model', name: 'B' },
      count: () => count('/v1/assistants?limit=100'),
    },
    {
      path: '/v1/threads',
      body: { metadata: { day: '2026-11-25' } },
      changed: { metadata: { day: '2026-11-26' } },
      count: () => count('/v1/threads?limit=100'),
    },
    {
      path: `/v1/threads/${messageThread}/messages`,
      body: { role: 'user', content: 'Only once, please.' },
      changed: { role: 'user', content: 'Something else.' },
      count: () => count(`/v1/threads/${messageThread}/messages?limit=100`),
    },
    {
      path: `/v1/threads/${runThread}/runs`,
      body: { assistant_id: assistantId },
      changed: { assistant_id: assistantId, temperature: 0.5 },
      count: () => count(`/v1/threads/${runThread}/runs?limit=100`),
    },
    {
      path: '/v1/threads/runs',
      body: { assistant_id: assistantId, thread: { messages: [{ role: 'user', content: 'hello' }] } },
      changed: { assistant_id: assistantId, thread: { messages: [{ role: 'user', content: 'bye' }] } },
      count: () => count('/v1/threads?limit=100'),
    },
  ];
}

test('a repeated create with the same Idempotency-Key returns the original and makes nothing more', async () => {
  const token = await gateway.newUser();
  for (const create of await creates(token)) {
    const before = await create.count();
    const headers = { 'idempotency-key': `key-${create.path}` };
    const first = await gateway.call<{ id: string }>(create.path, { token, json: create.body, headers });
    await gateway.engine.idle();
    const again = await gateway.call<{ id: string }>(create.path, { token, json: create.body, headers });
    assert.equal(again.id, first.id, create.path);
    assert.equal(await create.count(), before + 1, `${create.path} made exactly one object`);

    const changed = await gateway.request(create.path, { token, json: create.changed, headers });
    assert.equal(changed.status, 409, create.path);
    const error = (await changed.json()) as { error: { code: string; message: string } };
    assert.equal(error.error.code, 'idempotency_key_reused');
    assert.equal(await create.count(), before + 1, `${create.path}: a refused repeat changes nothing`);
  }
});

test('concurrent repeats make one object and every one of them gets it', async () => {
  const token = await gateway.newUser();
  for (const create of await creates(token)) {
    const before = await create.count();
    const headers = { 'idempotency-key': `together-${create.path}` };
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => gateway.request(create.path, { token, json: create.body, headers })),
    );
    const bodies = await Promise.all(
      answers.map(async (response) => ({
        status: response.status,
        body: (await response.json()) as { id: string },
      })),
    );
    assert.deepEqual(
      bodies.map((b) => b.status),
      [200, 200, 200, 200, 200, 200],
      create.path,
    );
    assert.equal(new Set(bodies.map((b) => b.body.id)).size, 1, `${create.path}: one id for all`);
    await gateway.engine.idle();
    assert.equal(await create.count(), before + 1, `${create.path} made exactly one object`);
  }
});

test('a repeated streamed run streams the same run again, from the start or after Last-Event-ID', async () => {
  const { token, assistantId, threadId } = await userWithThread(gateway);
  const headers = { 'idempotency-key': 'stream-once' };
  const json = { assistant_id: assistantId, stream: true };
  const first = await readEvents(
    await gateway.request(`/v1/threads/${threadId}/runs`, { token, json, headers }),
  );
  const again = await readEvents(
    await gateway.request(`/v1/threads/${threadId}/runs`, { token, json, headers }),
  );
  assert.deepEqual(again, first);
  const after = await readEvents(
    await gateway.request(`/v1/threads/${threadId}/runs`, {
      token,
      json,
      headers: { ...headers, 'last-event-id': '9' },
    }),
  );
  assert.deepEqual(after, first.slice(9));
  const runs = await gateway.call<Listed>(`/v1/threads/${threadId}/runs`, { token });
  assert.equal(runs.data.length, 1);
  const created = first.find((e) => e.event === 'thread.run.created');
  assert.ok(created);
  assert.equal(runs.data[0]?.id, parsed<{ id: string }>(created).id);
});

test('a key belongs to one user: another user with the same key makes their own object', async () => {
  const alice = await gateway.newUser();
  const bob = await gateway.newUser();
  const headers = { 'idempotency-key': 'shared-key' };
  const a = await gateway.call<{ id: string }>('/v1/threads', { token: alice, json: {}, headers });
  const b = await gateway.call<{ id: string }>('/v1/threads', { token: bob, json: {}, headers });
  assert.notEqual(a.id, b.id);
});

test('a create that failed lets its key go, so the corrected request can use it', async () => {
  const token = await gateway.newUser();
  const headers = { 'idempotency-key': 'try-again' };
  const bad = await gateway.request('/v1/threads', { token, json: { metadata: 'not an object' }, headers });
  assert.equal(bad.status, 400);
  const good = await gateway.request('/v1/threads', { token, json: { metadata: 'not an object' }, headers });
  assert.equal(good.status, 400, 'the same bad request is judged again, not replayed');
  const thread = await gateway.call<{ id: string }>('/v1/threads', { token, json: {}, headers });
  assert.match(thread.id, /^thread_/);
});

test('a create and the answer kept for its key land together: if the answer cannot be kept, nothing is made', async () => {
  const token = await gateway.newUser();
  for (const create of await creates(token)) {
    const before = await create.count();
    const headers = { 'idempotency-key': `together ${create.path}` };
    // As a full disk, or a crash between the two, would: the answer cannot be kept.
    await sql`create trigger answers_fail before update on idempotency_keys
      begin select raise(abort, 'disk full'); end`.execute(gateway.db);
    try {
      const failed = await gateway.request(create.path, { token, json: create.body, headers });
      assert.equal(failed.status, 500, create.path);
      assert.equal(((await failed.json()) as { error: { type: string } }).error.type, 'server_error');
    } finally {
      await sql`drop trigger answers_fail`.execute(gateway.db);
    }
    assert.equal(await create.count(), before, `${create.path}: nothing made without its answer`);
    const made = await gateway.call<{ id: string }>(create.path, { token, json: create.body, headers });
    const repeat = await gateway.call<{ id: string }>(create.path, { token, json: create.body, headers });
    assert.equal(repeat.id, made.id, create.path);
    assert.equal(await create.count(), before + 1, create.path);
    await gateway.engine.idle();
  }
});

test('a kept answer outlives its request, and a claim another instance took over cannot be answered', async () => {
  const token = await gateway.newUser();
  const device = await storesFor(gateway.db).devices.forTokenHash(hashToken(token));
  assert.ok(device);
  const keys = idempotencyStore(gateway.db);
  const answer = { status: 200, response: '{"id":"thread_kept"}', threadId: null, runId: null };

  // A failure after the create committed lets its key go, which must not undo the answer.
  const claimedAt = Date.now();
  assert.equal(await keys.claim(device.userId, '/v1/threads', 'kept', 'hash', claimedAt), true);
  await keys.answer(device.userId, '/v1/threads', 'kept', claimedAt, answer);
  await keys.release(device.userId, '/v1/threads', 'kept', claimedAt);
  assert.equal((await keys.find(device.userId, '/v1/threads', 'kept'))?.response, answer.response);

  // A claim judged dead and taken over by a repeat: its late answer is refused, the new claim stands.
  const stalledAt = Date.now() - 60_000;
  await keys.claim(device.userId, '/v1/threads', 'stalled', 'hash', stalledAt);
  await keys.release(device.userId, '/v1/threads', 'stalled', stalledAt);
  const retakenAt = Date.now();
  assert.equal(await keys.claim(device.userId, '/v1/threads', 'stalled', 'hash', retakenAt), true);
  await assert.rejects(keys.answer(device.userId, '/v1/threads', 'stalled', stalledAt, answer), /taken over/);
  const record = await keys.find(device.userId, '/v1/threads', 'stalled');
  assert.deepEqual([record?.created_at, record?.status], [retakenAt, null]);
});

test('a key whose first request died before answering is taken over by the retry, which makes the object', async () => {
  const token = await gateway.newUser();
  const device = await storesFor(gateway.db).devices.forTokenHash(hashToken(token));
  assert.ok(device);
  // What a process killed between claiming the key and answering leaves behind.
  await idempotencyStore(gateway.db).claim(
    device.userId,
    '/v1/threads',
    'died-mid-create',
    'hash',
    Date.now() - 60_000,
  );
  const headers = { 'idempotency-key': 'died-mid-create' };
  const thread = await gateway.call<{ id: string }>('/v1/threads', { token, json: {}, headers });
  assert.match(thread.id, /^thread_/);
  const repeat = await gateway.call<{ id: string }>('/v1/threads', { token, json: {}, headers });
  assert.equal(repeat.id, thread.id);
});

test('a reconnect that also carries an Idempotency-Key streams at once, and a repeat of that key streams the same run', async () => {
  const model = gatedModel();
  const own = await startGateway({ provider: model.provider });
  try {
    const { token, assistantId, threadId } = await userWithThread(own, 'Still going');
    const first = await own.request(`/v1/threads/${threadId}/runs`, {
      token,
      json: { assistant_id: assistantId, stream: true },
    });
    await model.untilStarted(1);
    const headers = { 'idempotency-key': 'reconnect-key', 'last-event-id': '1' };
    const request = () =>
      own.request(`/v1/threads/${threadId}/runs`, {
        token,
        json: { assistant_id: assistantId, stream: true },
        headers,
      });
    // The run is still generating: the reconnect must answer now, not once the run ends.
    const manyTurns = async () => {
      for (let turn = 0; turn < 10_000; turn++) await new Promise((resolve) => setImmediate(resolve));
      return 'held until the run ends';
    };
    const reconnecting = request();
    const answered = await Promise.race([reconnecting.then(() => 'answered'), manyTurns()]);
    assert.equal(answered, 'answered');
    model.release('Still going');
    const [resumed, reconnected, repeated] = await Promise.all([
      readEvents(first),
      reconnecting.then(readEvents),
      request().then(readEvents),
    ]);
    assert.equal(reconnected.at(-1)?.event, 'done');
    const runIds = (events: ReceivedEvent[]) =>
      new Set(
        events.flatMap((event) =>
          event.event.startsWith('thread.run.') ? [parsed<{ id: string }>(event).id] : [],
        ),
      );
    assert.deepEqual([...runIds(repeated)], [...runIds(resumed)]);
    assert.equal(repeated.at(-1)?.event, 'done');
  } finally {
    model.releaseAll();
    await own.close();
  }
});
