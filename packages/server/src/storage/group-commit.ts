import { CompiledQuery, type Kysely } from 'kysely';
import { directRunnerOf, runDirectly, stopRunningDirectly } from './precompiled.ts';
import type { Tables } from './tables.ts';

interface Queued {
  work: (trx: Kysely<Tables>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

const queues = new WeakMap<Kysely<Tables>, Queued[]>();
/** Transactions begun or waiting to begin on each database. */
const committing = new WeakMap<Kysely<Tables>, number>();

/** Whether a transaction holds, or is about to hold, the database's connection. */
export const isCommitting = (db: Kysely<Tables>) => (committing.get(db) ?? 0) > 0;

const savepoint = CompiledQuery.raw('savepoint haru_work');
const release = CompiledQuery.raw('release haru_work');
const rollbackTo = CompiledQuery.raw('rollback to haru_work');

/**
 * Runs `work` in one transaction with whatever other work was queued on `db` in the same turn of the
 * event loop, each in its own savepoint, and settles once the transaction is committed. A commit (its
 * pages written to the log) cost more than all of a run's statements; under load, runs that start or
 * end together now share one. One work's failure undoes only its own writes.
 */
export function inGroupCommit<T>(db: Kysely<Tables>, work: (trx: Kysely<Tables>) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let queue = queues.get(db);
    if (!queue) {
      queue = [];
      queues.set(db, queue);
      setImmediate(() => void commitQueued(db));
    }
    queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
  });
}

/** Past this many, work waits for the next transaction, so no one transaction holds the event loop long. */
const maxBatch = 32;

async function commitQueued(db: Kysely<Tables>) {
  const queue = queues.get(db) ?? [];
  const batch = queue.splice(0, maxBatch);
  if (queue.length > 0) setImmediate(() => void commitQueued(db));
  else queues.delete(db);
  const outcomes: Outcome[] = [];
  const direct = directRunnerOf(db);
  committing.set(db, (committing.get(db) ?? 0) + 1);
  try {
    await db.transaction().execute(async (trx) => {
      // The batch's work runs one after another, alone on the connection until the commit.
      if (direct) runDirectly(trx, direct);
      try {
        const [only] = batch;
        if (batch.length === 1 && only) {
          outcomes.push({ ok: true, value: await only.work(trx) });
          return;
        }
        for (const queued of batch) outcomes.push(await inSavepoint(trx, queued.work));
      } finally {
        stopRunningDirectly(trx);
      }
    });
  } catch (error) {
    // Nothing of the batch was committed.
    for (const queued of batch) queued.reject(error);
    return;
  } finally {
    committing.set(db, (committing.get(db) ?? 1) - 1);
  }
  for (const [index, queued] of batch.entries()) {
    const outcome = outcomes[index];
    if (outcome?.ok) queued.resolve(outcome.value);
    else queued.reject(outcome?.error);
  }
}

async function inSavepoint(trx: Kysely<Tables>, work: Queued['work']): Promise<Outcome> {
  await execute(trx, savepoint);
  try {
    const value = await work(trx);
    await execute(trx, release);
    return { ok: true, value };
  } catch (error) {
    await execute(trx, rollbackTo);
    await execute(trx, release);
    return { ok: false, error };
  }
}

/** Two of these run for each work of a batch: on the connection directly when it can be. */
async function execute(trx: Kysely<Tables>, query: CompiledQuery) {
  const direct = directRunnerOf(trx);
  if (direct) direct(query.sql, query.parameters);
  else await trx.executeQuery(query);
}
