import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { newThread } from '../src/schemas/thread.ts';
import { openDatabase } from '../src/storage/database.ts';
import { inGroupCommit } from '../src/storage/group-commit.ts';
import { openNodeSqlite } from '../src/storage/node-sqlite.ts';
import { inTransaction, storesFor } from '../src/storage/stores.ts';
import type { Tables } from '../src/storage/tables.ts';

/** A database with one table, counting the commits it makes. */
async function countingDatabase() {
  let commits = 0;
  const db = new Kysely<Tables>({
    dialect: new SqliteDialect({ database: openNodeSqlite(':memory:') }),
    log: (event) => {
      if (event.level === 'query' && event.query.sql === 'commit') commits++;
    },
  });
  await sql`create table notes (text text not null unique)`.execute(db);
  const write = (text: string) => (trx: Kysely<Tables>) =>
    sql`insert into notes (text) values (${text})`.execute(trx).then(() => text);
  const texts = async () =>
    (await sql<{ text: string }>`select text from notes order by text`.execute(db)).rows.map(
      (row) => row.text,
    );
  return { db, write, texts, commits: () => commits };
}

test('work queued in the same turn shares one commit, and each settles only once it is committed', async () => {
  const { db, write, texts, commits } = await countingDatabase();
  const settled = await Promise.all(
    ['a', 'b', 'c'].map((text) =>
      inGroupCommit(db, write(text)).then(async (value) => ({ value, stored: await texts() })),
    ),
  );
  assert.equal(commits(), 1);
  for (const { value, stored } of settled)
    assert.ok(stored.includes(value), `${value} stored when it settled`);
  await db.destroy();
});

test("one work's failure undoes only its own writes and rejects only its own promise", async () => {
  const { db, write, texts, commits } = await countingDatabase();
  const failing = async (trx: Kysely<Tables>) => {
    await write('half-written')(trx);
    await write('a')(trx); // already written by the first work: unique constraint
  };
  const outcomes = await Promise.allSettled([
    inGroupCommit(db, write('a')),
    inGroupCommit(db, failing),
    inGroupCommit(db, write('b')),
  ]);
  assert.deepEqual(
    outcomes.map((outcome) => outcome.status),
    ['fulfilled', 'rejected', 'fulfilled'],
  );
  assert.match(String((outcomes[1] as PromiseRejectedResult).reason), /UNIQUE/);
  assert.deepEqual(await texts(), ['a', 'b']);
  assert.equal(commits(), 1);
  await db.destroy();
});

test('work alone in its turn that fails rolls back and rejects; work queued later gets its own commit', async () => {
  const { db, write, texts, commits } = await countingDatabase();
  await assert.rejects(
    inGroupCommit(db, async (trx) => {
      await write('x')(trx);
      throw new Error('refused');
    }),
    /refused/,
  );
  assert.deepEqual(await texts(), []);
  await inGroupCommit(db, write('y'));
  await inGroupCommit(db, write('z'));
  assert.deepEqual(await texts(), ['y', 'z']);
  assert.equal(commits(), 2);
  await db.destroy();
});

test('a crowd of work is split across transactions of at most 32, so none holds the event loop long', async () => {
  const { db, write, texts, commits } = await countingDatabase();
  const names = Array.from({ length: 70 }, (_, index) => `note ${String(index).padStart(2, '0')}`);
  await Promise.all(names.map((name) => inGroupCommit(db, write(name))));
  assert.equal(commits(), 3);
  assert.deepEqual(await texts(), names);
  await db.destroy();
});

test('a read made while a transaction is open never sees its uncommitted writes, even on the fast path', async () => {
  const db = await openDatabase('sqlite::memory:');
  const stores = storesFor(db);
  await stores.users.insert({ id: 'user_1', tokenHash: 'h', createdAt: 1 });
  let midway: () => void = () => {};
  const reachedMidway = new Promise<void>((resolve) => {
    midway = resolve;
  });
  let finish: () => void = () => {};
  const mayFinish = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const failed = inTransaction(db, async (tx) => {
    await tx.threads.insert('user_1', newThread('thread_uncommitted', 1, {}));
    assert.ok(await tx.threads.find('user_1', 'thread_uncommitted'), 'the transaction sees its own write');
    midway();
    await mayFinish;
    throw new Error('changed its mind');
  });
  await reachedMidway;
  const seenOutside = stores.threads.find('user_1', 'thread_uncommitted');
  finish();
  await assert.rejects(failed, /changed its mind/);
  assert.equal(await seenOutside, undefined, 'the read waited for the transaction, which was undone');
  assert.equal(await stores.threads.find('user_1', 'thread_uncommitted'), undefined);
  await db.destroy();
});
