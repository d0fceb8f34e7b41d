import type { Kysely } from 'kysely';
import { runPrecompiled } from './precompiled.ts';
import type { Tables } from './tables.ts';

export interface StoredFrames {
  firstId: number;
  frames: string[];
}

/** A run's stream events, stored in batches so a client can resume from any event id. */
export function runEventStore(db: Kysely<Tables>) {
  return {
    async append(runId: string, firstId: number, frames: string[]) {
      const values = {
        run_id: runId,
        first_id: firstId,
        last_id: firstId + frames.length - 1,
        frames: frames.join(''),
      };
      await runPrecompiled(db, 'append run events', values, (slots) =>
        db.insertInto('run_events').values(slots),
      );
    },

    /** The stored batches holding events after `afterId`, oldest first. */
    async after(runId: string, afterId: number, batches = 32): Promise<StoredFrames[]> {
      const rows = await db
        .selectFrom('run_events')
        .select(['first_id', 'frames'])
        .where('run_id', '=', runId)
        .where('last_id', '>', afterId)
        .orderBy('first_id', 'asc')
        .limit(batches)
        .execute();
      return rows.map((row) => ({
        firstId: Number(row.first_id),
        frames: splitFrames(row.frames),
      }));
    },

    /** The id of the run's last stored event (0 when none is). */
    async lastId(runId: string): Promise<number> {
      const row = await db
        .selectFrom('run_events')
        .select((eb) => eb.fn.max('last_id').as('last'))
        .where('run_id', '=', runId)
        .executeTakeFirst();
      return Number(row?.last ?? 0);
    },

    /** Forgets the events of every run of the user. */
    async removeForUser(userId: string) {
      await db
        .deleteFrom('run_events')
        .where('run_id', 'in', (runs) => runs.selectFrom('runs').select('id').where('user_id', '=', userId))
        .execute();
    },

    /** Forgets the events of runs that ended before `endedBefore` (ms). */
    async removeEndedBefore(endedBefore: number): Promise<number> {
      const result = await db
        .deleteFrom('run_events')
        .where('run_id', 'in', (runs) =>
          runs.selectFrom('runs').select('id').where('ended_at', '<', endedBefore),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

/**
 * The frames of a stored batch. A frame's data is one line of JSON, so the blank line that ends a
 * Server-Sent Event occurs nowhere else: the batch is stored as the text the client received.
 */
function splitFrames(text: string): string[] {
  const frames = text.split('\n\n');
  frames.pop();
  return frames.map((frame) => `${frame}\n\n`);
}
