import { type Kysely, sql } from 'kysely';
import { activeRunStatuses, type Run } from '../schemas/run.ts';
import { ownedObjects } from './owned-objects.ts';
import { runPrecompiled } from './precompiled.ts';
import { keepingStoredMetadata } from './stored-metadata.ts';
import type { Tables } from './tables.ts';

export interface HeldRun {
  userId: string;
  run: Run;
}

/**
 * Active statuses written out, not bound: the database then sees that the one-active-run index holds
 * every row such a query wants, and reads only that index instead of every run ever made.
 */
const active = activeRunStatuses.map((status) => sql.lit(status));

export function runStore(db: Kysely<Tables>) {
  const objects = ownedObjects<Run>(db, 'runs');
  const columns = (run: Run) => ({ thread_id: run.thread_id, status: run.status });
  const parse = (row: { user_id: string; body: string }): HeldRun => ({
    userId: row.user_id,
    run: JSON.parse(row.body) as Run,
  });
  return {
    ...objects,
    insert: (userId: string, run: Run) => objects.insert(userId, run, columns(run)),
    update: (userId: string, run: Run) => objects.update(userId, run, columns(run)),
    findInThread: (userId: string, threadId: string, id: string) =>
      objects.findWhere(userId, { thread_id: threadId, id }),

    /** A run the engine generates, held by `owner` until `leaseUntil` (ms). */
    insertHeld: (userId: string, run: Run, owner: string, leaseUntil: number) =>
      objects.insert(userId, run, { ...columns(run), owner, lease_until: leaseUntil }),

    /** Writes the run; a run reaching its end records when, so its stream events can be forgotten later. */
    /**
     * Writes a run `owner` generates, only while it still holds it: a run another instance closed as
     * abandoned keeps that end. Metadata stays as stored. False when the run is no longer this owner's.
     */
    async write(userId: string, run: Run, endedAt: number | null, owner: string): Promise<boolean> {
      const values = { body: JSON.stringify(run), status: run.status, endedAt, id: run.id, userId, owner };
      const result = await runPrecompiled(db, 'write held run', values, (slots) =>
        db
          .updateTable('runs')
          .set({ body: keepingStoredMetadata(db, slots.body), status: slots.status, ended_at: slots.endedAt })
          .where('id', '=', slots.id)
          .where('user_id', '=', slots.userId)
          .where('owner', '=', slots.owner)
          .where('status', 'in', active),
      );
      return Number(result.numAffectedRows ?? 0) > 0;
    },

    /** Whether `owner` still holds the run, active: no other instance has closed it as abandoned. */
    async isHeldBy(userId: string, runId: string, owner: string): Promise<boolean> {
      const { rows } = await runPrecompiled(db, 'run held by', { runId, userId, owner }, (slots) =>
        db
          .selectFrom('runs')
          .select('id')
          .where('id', '=', slots.runId)
          .where('user_id', '=', slots.userId)
          .where('owner', '=', slots.owner)
          .where('status', 'in', active),
      );
      return rows.length > 0;
    },

    async activeInThread(userId: string, threadId: string): Promise<Run | undefined> {
      const { rows } = await runPrecompiled(db, 'active run in thread', { userId, threadId }, (slots) =>
        db
          .selectFrom('runs')
          .select('body')
          .where('user_id', '=', slots.userId)
          .where('thread_id', '=', slots.threadId)
          .where('status', 'in', active),
      );
      const [row] = rows;
      return row ? (JSON.parse(row.body) as Run) : undefined;
    },

    /** The ids of every run of the user, on every thread. */
    async idsOfUser(userId: string): Promise<string[]> {
      const rows = await db.selectFrom('runs').select('id').where('user_id', '=', userId).execute();
      return rows.map((row) => row.id);
    },

    /** The newest run this user created on the thread, or anywhere when no thread is given. */
    async newest(userId: string, threadId?: string): Promise<Run | undefined> {
      let query = db.selectFrom('runs').select('body').where('user_id', '=', userId);
      if (threadId !== undefined) query = query.where('thread_id', '=', threadId);
      const row = await query.orderBy('seq', 'desc').limit(1).executeTakeFirst();
      return row ? (JSON.parse(row.body) as Run) : undefined;
    },

    /** Writes the run only while its stored status is one of `expected`: a conditional write other instances see. */
    async updateIfStatus(
      userId: string,
      run: Run,
      expected: readonly string[],
      endedAt: number | null = null,
    ): Promise<boolean> {
      const result = await db
        .updateTable('runs')
        .set({ body: JSON.stringify(run), status: run.status, ended_at: endedAt })
        .where('id', '=', run.id)
        .where('user_id', '=', userId)
        .where('status', 'in', expected)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /**
     * Takes a run waiting for tool outputs to go on generating here: a conditional write, so of two
     * submissions racing (on any instances) exactly one continues the run.
     */
    async takeWaiting(userId: string, run: Run, owner: string, leaseUntil: number): Promise<boolean> {
      const result = await db
        .updateTable('runs')
        .set({
          body: keepingStoredMetadata(db, JSON.stringify(run)),
          status: run.status,
          owner,
          lease_until: leaseUntil,
        })
        .where('id', '=', run.id)
        .where('user_id', '=', userId)
        .where('status', '=', 'requires_action')
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /** The instance holding the run and until when (ms), if any does. */
    async holder(runId: string): Promise<{ owner: string; leaseUntil: number } | undefined> {
      const row = await db
        .selectFrom('runs')
        .select(['owner', 'lease_until'])
        .where('id', '=', runId)
        .executeTakeFirst();
      return row?.owner ? { owner: row.owner, leaseUntil: Number(row.lease_until ?? 0) } : undefined;
    },

    /** Extends the lease on every active run this instance holds. */
    async renewLeases(owner: string, leaseUntil: number) {
      await db
        .updateTable('runs')
        .set({ lease_until: leaseUntil })
        .where('status', 'in', active)
        .where('owner', '=', owner)
        .execute();
    },

    /** Ids of this instance's runs that a request elsewhere asked to cancel. */
    async cancelRequested(owner: string): Promise<string[]> {
      const rows = await db
        .selectFrom('runs')
        .select('id')
        .where('status', 'in', active)
        .where('owner', '=', owner)
        .where('status', '=', 'cancelling')
        .execute();
      return rows.map((row) => row.id);
    },

    /**
     * Active runs no live instance holds: their lease lapsed (or they never had one), or `formerSelf`
     * holds them — an instance starting under its own name knows its earlier process is gone.
     */
    async abandoned(now: number, formerSelf: string): Promise<HeldRun[]> {
      const rows = await db
        .selectFrom('runs')
        .select(['user_id', 'body'])
        .where('status', 'in', active)
        .where('status', '!=', 'requires_action')
        .where((where) =>
          where.or([
            where('lease_until', 'is', null),
            where('lease_until', '<', now),
            where('owner', '=', formerSelf),
          ]),
        )
        .execute();
      return rows.map(parse);
    },

    /** Runs waiting for tool outputs past their `expires_at` (seconds). */
    async waitingPast(expiresBefore: number): Promise<HeldRun[]> {
      const rows = await db
        .selectFrom('runs')
        .select(['user_id', 'body'])
        .where('status', 'in', active)
        .where('status', '=', 'requires_action')
        .execute();
      return rows.map(parse).filter(({ run }) => run.expires_at !== null && run.expires_at < expiresBefore);
    },
  };
}
