import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { createRunEngine } from '../src/engine/run-engine.ts';
import { createLogger } from '../src/logger.ts';
import { offlineCompanionProvider } from '../src/providers/offline-companion.ts';
import { newMessage, textContent } from '../src/schemas/message.ts';
import { newRun } from '../src/schemas/run.ts';
import { newMessageCreationStep } from '../src/schemas/step.ts';
import { newThread } from '../src/schemas/thread.ts';
import { openDatabase } from '../src/storage/database.ts';
import { initialSchema } from '../src/storage/migrations/2026-11-25-initial.ts';
import { oneActiveRunPerThread } from '../src/storage/migrations/2026-11-25-one-active-run-per-thread.ts';
import { durableRuns } from '../src/storage/migrations/2026-11-26-durable-runs.ts';
import { devicesInvitesQuotas } from '../src/storage/migrations/2026-11-27-devices-invites-quotas.ts';
import { inviteIds } from '../src/storage/migrations/2026-11-28-invite-ids.ts';
import { openNodeSqlite } from '../src/storage/node-sqlite.ts';
import { storesFor } from '../src/storage/stores.ts';
import type { Tables } from '../src/storage/tables.ts';

const folder = mkdtempSync(join(tmpdir(), 'haru-storage-'));
after(() => rmSync(folder, { recursive: true, force: true }));

test('a file database is created with its folders, in WAL mode, and reopens with its data', async () => {
  const url = `sqlite:${join(folder, 'nested', 'haru.sqlite')}`;
  const first = await openDatabase(url);
  const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(first);
  assert.equal(mode.rows[0]?.journal_mode, 'wal');
  await storesFor(first).users.insert({ id: 'user_1', tokenHash: 'hash', createdAt: 1 });
  await first.destroy();

  const second = await openDatabase(url);
  assert.equal(
    await storesFor(second).users.idForTokenHash('hash'),
    'user_1',
    'data survives; migrations run once',
  );
  await second.destroy();
});

test('the write-ahead log shrinks back after a burst of writes instead of keeping its largest size on disk', async () => {
  const file = join(folder, 'wal-limit', 'haru.sqlite');
  const db = await openDatabase(`sqlite:${file}`);
  await sql`create table scratch (data blob)`.execute(db);
  await db.transaction().execute(async (trx) => {
    for (let megabyte = 0; megabyte < 80; megabyte++) {
      await sql`insert into scratch (data) values (zeroblob(1048576))`.execute(trx);
    }
  });
  assert.ok(statSync(`${file}-wal`).size > 80 * 2 ** 20);
  // The gateway's own checkpointer may hold the checkpoint now; either way, it is complete once one says so.
  for (;;) {
    const { rows } = await sql<{
      busy: number;
      log: number;
      checkpointed: number;
    }>`pragma wal_checkpoint(passive)`.execute(db);
    const [row] = rows;
    if (row && row.busy === 0 && row.checkpointed === row.log) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  // The first write after a checkpoint starts the log over, and cuts the file down to the limit.
  await sql`delete from scratch`.execute(db);
  assert.ok(statSync(`${file}-wal`).size <= 64 * 2 ** 20);
  await db.destroy();
});

test('runs a stopped process left active are failed at start, keeping their partial reply, so their threads accept runs again', async () => {
  const db = await openDatabase(`sqlite:${join(folder, 'restart.sqlite')}`);
  const stores = storesFor(db);
  await stores.users.insert({ id: 'user_1', tokenHash: 'h', createdAt: 1 });
  const thread = newThread('thread_1', 1, {});
  await stores.threads.insert('user_1', thread);
  const assistant = {
    id: 'asst_1',
    model: 'm',
    instructions: null,
    tools: [],
    temperature: null,
    top_p: null,
    response_format: 'auto' as const,
  };
  const run = {
    ...newRun('run_1', 1, thread.id, assistant, { assistant_id: 'asst_1' }),
    status: 'in_progress' as const,
  };
  await stores.runs.insert('user_1', run);
  const reply = {
    ...newMessage('msg_1', 1, thread.id, { role: 'assistant', content: 'x' }),
    status: 'in_progress' as const,
    content: textContent('Half a rep'),
  };
  await stores.messages.insert('user_1', reply);
  await stores.steps.insert('user_1', newMessageCreationStep('step_1', 1, run, reply.id));

  const engine = createRunEngine({
    db,
    provider: offlineCompanionProvider(),
    logger: createLogger('silent'),
  });
  assert.equal(await engine.closeAbandoned(), 1);
  assert.equal(await stores.runs.activeInThread('user_1', thread.id), undefined);
  const stored = await stores.runs.find('user_1', run.id);
  assert.equal(stored?.status, 'failed');
  assert.match(stored?.last_error?.message ?? '', /stopped unexpectedly/);
  const kept = await stores.messages.find('user_1', reply.id);
  assert.equal(kept?.status, 'incomplete');
  assert.equal(kept?.content[0]?.text.value, 'Half a rep');
  assert.equal((await stores.steps.find('user_1', 'step_1'))?.status, 'failed');
  assert.equal(await engine.closeAbandoned(), 0);
  await db.destroy();
});

test('the database refuses a second active run on a thread, but not a finished one', async () => {
  const db = await openDatabase('sqlite::memory:');
  const stores = storesFor(db);
  await stores.users.insert({ id: 'user_1', tokenHash: 'h', createdAt: 1 });
  await stores.threads.insert('user_1', newThread('thread_1', 1, {}));
  const assistant = {
    id: 'a',
    model: 'm',
    instructions: null,
    tools: [],
    temperature: null,
    top_p: null,
    response_format: 'auto' as const,
  };
  const run = (id: string) => newRun(id, 1, 'thread_1', assistant, { assistant_id: 'a' });
  await stores.runs.insert('user_1', run('run_1'));
  await assert.rejects(stores.runs.insert('user_1', run('run_2')), /UNIQUE/);
  await stores.runs.update('user_1', { ...run('run_1'), status: 'completed' });
  await stores.runs.insert('user_1', run('run_3'));
  await db.destroy();
});

test('invites made before invites had ids get one each, and keep working', async () => {
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: openNodeSqlite(':memory:') }) });
  const raw = db as unknown as Kysely<unknown>;
  await initialSchema('sqlite').up(raw);
  await oneActiveRunPerThread.up(raw);
  await durableRuns('sqlite').up(raw);
  await devicesInvitesQuotas('sqlite').up(raw);
  for (const [hash, usesLeft] of [
    ['hash_1', 2],
    ['hash_2', 0],
  ] as const) {
    await sql`insert into invites (code_hash, uses_left, created_at, expires_at)
      values (${hash}, ${usesLeft}, 1, 4000000000)`.execute(db);
  }

  await inviteIds.up(raw);

  const rows = await db.selectFrom('invites').selectAll().orderBy('code_hash').execute();
  assert.deepEqual(
    rows.map(({ code_hash, uses, uses_left, last_used_at }) => ({
      code_hash,
      uses,
      uses_left,
      last_used_at,
    })),
    [
      { code_hash: 'hash_1', uses: 2, uses_left: 2, last_used_at: null },
      { code_hash: 'hash_2', uses: 0, uses_left: 0, last_used_at: null },
    ],
  );
  assert.ok(rows.every((row) => /^invite_/.test(row.id)));
  assert.notEqual(rows[0]?.id, rows[1]?.id);
  const invites = storesFor(db).invites;
  assert.equal(await invites.redeem('hash_1', 2), true);
  assert.equal((await invites.list(2, 0))[0]?.uses_left, 1);
  await db.destroy();
});
