import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { sharedAssistants } from '../src/seed/shared-assistants.ts';
import { startFakeUpstream } from './support/fake-upstream.ts';
import { startGateway, type TestGateway } from './support/gateway.ts';
import { eventsOf, type ReceivedEvent } from './support/sse.ts';

const adminKey = 'test-admin-key-0123456789';
const admin = { authorization: `Bearer ${adminKey}` };

/** Tables that hold no user's rows: the owner's invites and Kysely's own bookkeeping. */
const tablesWithoutUsers = ['invites', 'kysely_migration', 'kysely_migration_lock'];

/** Every row of every table, each as JSON, by table: a table added later is read too. */
async function everyRow(gateway: TestGateway): Promise<Map<string, string[]>> {
  const { rows: tables } = await sql<{ name: string }>`select name from sqlite_master
    where type = 'table' and name not like 'sqlite_%' order by name`.execute(gateway.db);
  const rows = new Map<string, string[]>();
  for (const { name } of tables) {
    const { rows: tableRows } = await sql`select * from ${sql.table(name)}`.execute(gateway.db);
    rows.set(name, tableRows.map((row) => JSON.stringify(row)).sort());
  }
  return rows;
}

interface Person {
  userId: string;
  tokens: string[];
  /** Rows of run stream events name only their run. */
  runIds: string[];
  pendingLinkCode: string;
}

const belongsTo = (row: string, person: Person) =>
  [person.userId, ...person.runIds].some((id) => row.includes(id));

/** The rows of `person` left anywhere, by table. */
async function rowsLeftOf(gateway: TestGateway, person: Person): Promise<Record<string, string[]>> {
  const left: Record<string, string[]> = {};
  for (const [table, rows] of await everyRow(gateway)) {
    const theirs = rows.filter((row) => belongsTo(row, person));
    if (theirs.length > 0) left[table] = theirs;
  }
  return left;
}

/**
 * A person with a row in every table a user has rows in: two devices and a link code not yet used, an
 * assistant of their own, a thread made with an Idempotency-Key, and a finished run on it (its reply,
 * steps and stream events).
 */
async function personWithADiary(gateway: TestGateway, entry: string): Promise<Person> {
  const first = await gateway.call<{ token: string; user_id: string }>('/auth/device', { method: 'POST' });
  const { token } = first;
  const link = await gateway.call<{ code: string }>('/auth/link-code', { method: 'POST', token });
  const second = await gateway.call<{ token: string }>('/auth/device', { json: { link_code: link.code } });
  const pending = await gateway.call<{ code: string }>('/auth/link-code', { method: 'POST', token });
  const assistant = await gateway.call<{ id: string }>('/v1/assistants', {
    token,
    json: { model: 'test-model', instructions: 'Listen.' },
  });
  const thread = await gateway.call<{ id: string }>('/v1/threads', {
    token,
    headers: { 'idempotency-key': `diary-${first.user_id}` },
    json: { messages: [{ role: 'user', content: entry }] },
  });
  const run = await gateway.call<{ id: string }>(`/v1/threads/${thread.id}/runs`, {
    token,
    json: { assistant_id: assistant.id },
  });
  await gateway.engine.settled(run.id);
  return {
    userId: first.user_id,
    tokens: [token, second.token],
    runIds: [run.id],
    pendingLinkCode: pending.code,
  };
}

async function assertSignedOut(gateway: TestGateway, person: Person) {
  for (const token of person.tokens) {
    for (const [method, path] of [
      ['GET', '/v1/threads'],
      ['GET', '/auth/devices'],
      ['DELETE', '/auth/account'],
    ] as const) {
      const response = await gateway.request(path, { method, token });
      assert.equal(response.status, 401, `${method} ${path} with an erased user's token`);
    }
  }
  const linked = await gateway.request('/auth/device', { json: { link_code: person.pendingLinkCode } });
  assert.equal(linked.status, 403, "an erased user's link code joins no one to anything");
}

describe('DELETE /auth/account', () => {
  test('deletes every row of the person in every table, and nothing of anyone else', async () => {
    const gateway = await startGateway({ seed: true, access: { adminKey } });
    try {
      const alice = await personWithADiary(gateway, 'I told no one about today.');
      const bob = await personWithADiary(gateway, 'A quiet day.');
      await gateway.call('/admin/invites', { headers: admin, json: {} });
      const before = await everyRow(gateway);
      for (const [table, rows] of before) {
        if (tablesWithoutUsers.includes(table)) continue;
        for (const person of [alice, bob]) {
          assert.ok(
            rows.some((row) => belongsTo(row, person)),
            `the test gives ${person.userId} a row in ${table}, so erasing it is checked`,
          );
        }
      }

      const erased = await gateway.call('/auth/account', { method: 'DELETE', token: alice.tokens[1] });

      assert.deepEqual(erased, { id: alice.userId, object: 'user.deleted', deleted: true });
      const after = await everyRow(gateway);
      assert.deepEqual([...after.keys()], [...before.keys()]);
      for (const [table, rows] of before) {
        assert.deepEqual(
          after.get(table),
          rows.filter((row) => !belongsTo(row, alice)),
          `${table}: alice's rows are gone, every other row is as it was`,
        );
      }
      await assertSignedOut(gateway, alice);
      const users = await gateway.call<{ data: Array<{ id: string }> }>('/admin/users', { headers: admin });
      assert.deepEqual(
        users.data.map((user) => user.id),
        [bob.userId],
      );
      const bobsThreads = await gateway.call<{ data: unknown[] }>('/v1/threads', { token: bob.tokens[0] });
      assert.equal(bobsThreads.data.length, 1);
    } finally {
      await gateway.close();
    }
  });

  test('while runs generate and wait for their turn: they are cancelled first, no row is left, nothing answers 5xx', async () => {
    // The model says its first words, then nothing more until the run is cancelled.
    const upstream = await startFakeUpstream({ pieces: ['Dear ', 'diary'], stallAfter: 1 });
    const gateway = await startGateway({
      upstreamURL: upstream.baseURL,
      access: { limits: { generatingRuns: 1 } },
    });
    try {
      const { token, user_id: userId } = await gateway.call<{ token: string; user_id: string }>(
        '/auth/device',
        { method: 'POST' },
      );
      const pending = await gateway.call<{ code: string }>('/auth/link-code', { method: 'POST', token });
      const assistant = await gateway.call<{ id: string }>('/v1/assistants', {
        token,
        json: { model: 'test-model' },
      });
      const newThread = (content: string) =>
        gateway.call<{ id: string }>('/v1/threads', {
          token,
          json: { messages: [{ role: 'user', content }] },
        });
      const streamed = await gateway.request(`/v1/threads/${(await newThread('Today was long.')).id}/runs`, {
        token,
        json: { assistant_id: assistant.id, stream: true },
      });
      assert.equal(streamed.status, 200);
      const reader = eventsOf(streamed);
      const received: ReceivedEvent[] = [];
      while (received.at(-1)?.event !== 'thread.message.delta') {
        const next = await reader.next();
        assert.ok(!next.done, 'the stream goes on until the first words');
        received.push(next.value);
      }
      const generating = JSON.parse(received[0]?.data ?? '{}') as { id: string };
      const waiting = await gateway.call<{ id: string; status: string }>(
        `/v1/threads/${(await newThread('And another thing.')).id}/runs`,
        { token, json: { assistant_id: assistant.id } },
      );
      assert.equal(waiting.status, 'queued', 'the one generating slot is taken');
      assert.ok(gateway.engine.isRunning(generating.id));

      const erased = await gateway.request('/auth/account', { method: 'DELETE', token });

      assert.equal(erased.status, 200);
      assert.deepEqual(await erased.json(), { id: userId, object: 'user.deleted', deleted: true });
      assert.ok(!gateway.engine.isRunning(generating.id), 'the generating run has ended');
      assert.ok(!gateway.engine.isRunning(waiting.id), 'the waiting run has ended');
      for await (const event of reader) received.push(event);
      const names = received.map((event) => event.event);
      assert.ok(names.includes('thread.run.cancelled'), names.join(', '));
      assert.equal(names.at(-1), 'done');
      assert.ok(!names.includes('error'), names.join(', '));

      const person = {
        userId,
        tokens: [token],
        runIds: [generating.id, waiting.id],
        pendingLinkCode: pending.code,
      };
      assert.deepEqual(await rowsLeftOf(gateway, person), {});
      await gateway.engine.idle();
      assert.deepEqual(await rowsLeftOf(gateway, person), {}, 'nothing is written after the erasure');
      await assertSignedOut(gateway, person);
    } finally {
      await gateway.close();
      await upstream.close();
    }
  });
});

describe('DELETE /admin/users/{user_id}', () => {
  test("erases the user as their own request would; the shared assistants and other users' rows stay", async () => {
    const gateway = await startGateway({ seed: true, access: { adminKey } });
    try {
      const alice = await personWithADiary(gateway, 'A secret.');
      const bob = await personWithADiary(gateway, 'Not a secret.');
      const bobsBefore = await rowsLeftOf(gateway, bob);

      const erased = await gateway.call(`/admin/users/${alice.userId}`, { method: 'DELETE', headers: admin });

      assert.deepEqual(erased, { id: alice.userId, object: 'user.deleted', deleted: true });
      assert.deepEqual(await rowsLeftOf(gateway, alice), {});
      assert.deepEqual(await rowsLeftOf(gateway, bob), bobsBefore);
      await assertSignedOut(gateway, alice);
      const visible = await gateway.call<{ data: Array<{ id: string }> }>('/v1/assistants', {
        token: bob.tokens[0],
      });
      for (const { id } of sharedAssistants) {
        assert.ok(
          visible.data.some((assistant) => assistant.id === id),
          `${id} is still shared`,
        );
      }
    } finally {
      await gateway.close();
    }
  });

  test('an unknown user, an erased one, or the owner of the shared assistants is a 404', async () => {
    const gateway = await startGateway({ seed: true, access: { adminKey } });
    try {
      const { user_id } = await gateway.call<{ user_id: string }>('/auth/device', { method: 'POST' });
      await gateway.call(`/admin/users/${user_id}`, { method: 'DELETE', headers: admin });
      for (const id of ['user_nobody', user_id, 'user_haru_shared']) {
        const response = await gateway.request(`/admin/users/${id}`, { method: 'DELETE', headers: admin });
        assert.equal(response.status, 404, id);
        assert.deepEqual(await response.json(), {
          error: {
            message: `No user found with id '${id}'.`,
            type: 'invalid_request_error',
            param: null,
            code: null,
          },
        });
      }
      const shared = await gateway.db
        .selectFrom('assistants')
        .select('id')
        .where('user_id', '=', 'user_haru_shared')
        .execute();
      assert.equal(shared.length, sharedAssistants.length);
    } finally {
      await gateway.close();
    }
  });
});
