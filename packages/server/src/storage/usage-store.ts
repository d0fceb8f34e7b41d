import { type Kysely, sql } from 'kysely';
import { activeRunStatuses } from '../schemas/run.ts';
import { runPrecompiled } from './precompiled.ts';
import type { Tables } from './tables.ts';

// Written out, not bound, so the database sees that the `runs_active_user` index holds every row wanted.
const active = activeRunStatuses.map((status) => sql.lit(status));
const totalTokens = sql<number>`coalesce(sum(json_extract(body, '$.usage.total_tokens')), 0)`;

/** What users have used, read from their stored runs. */
export function usageStore(db: Kysely<Tables>) {
  return {
    /** The user's runs holding the model or waiting for it; a run waiting for tool outputs holds nothing. */
    async generatingRuns(userId: string): Promise<number> {
      const { rows } = await runPrecompiled(db, 'generating runs of user', { userId }, (slots) =>
        db
          .selectFrom('runs')
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .where('user_id', '=', slots.userId)
          .where('status', 'in', active)
          .where('status', '!=', sql.lit('requires_action')),
      );
      return Number(rows[0]?.count ?? 0);
    },

    /**
     * Model tokens (prompt and completion) of the user's runs that ended after `afterMs`, and when the
     * last of them ended: a caller that keeps a running total reads only the runs that ended since.
     */
    async tokensEndedAfter(
      userId: string,
      afterMs: number,
    ): Promise<{ tokens: number; lastEndedAt: number | null }> {
      const { rows } = await runPrecompiled(db, 'tokens of user ended after', { userId, afterMs }, (slots) =>
        db
          .selectFrom('runs')
          .select([totalTokens.as('tokens'), sql<number | null>`max(ended_at)`.as('last')])
          .where('user_id', '=', slots.userId)
          .where('ended_at', '>', slots.afterMs),
      );
      const row = rows[0];
      return {
        tokens: Number(row?.tokens ?? 0),
        lastEndedAt: row?.last === null || row?.last === undefined ? null : Number(row.last),
      };
    },

    /** How many messages the thread holds, counted up to `atMost` (a count past that is never needed). */
    async messagesInThread(threadId: string, atMost: number): Promise<number> {
      const { rows } = await runPrecompiled(db, 'messages in thread', { threadId, atMost }, (slots) =>
        db
          .selectFrom((eb) =>
            eb
              .selectFrom('messages')
              .select('seq')
              .where('thread_id', '=', slots.threadId)
              .limit(slots.atMost)
              .as('held'),
          )
          .select((eb) => eb.fn.countAll<number>().as('count')),
      );
      return Number(rows[0]?.count ?? 0);
    },

    /** Every user's tokens of runs that ended since `sinceMs`, for the owner's list. */
    async tokensByUserSince(sinceMs: number): Promise<Map<string, number>> {
      const rows = await db
        .selectFrom('runs')
        .select(['user_id', totalTokens.as('tokens')])
        .where('ended_at', '>=', sinceMs)
        .groupBy('user_id')
        .execute();
      return new Map(rows.map((row) => [row.user_id, Number(row.tokens)]));
    },
  };
}

const dayMs = 86_400_000;

/** The start of the current UTC day (ms), and how long until the next one (ms). */
export function utcDay(nowMs: number): { startMs: number; msLeft: number } {
  const startMs = nowMs - (nowMs % dayMs);
  return { startMs, msLeft: startMs + dayMs - nowMs };
}
