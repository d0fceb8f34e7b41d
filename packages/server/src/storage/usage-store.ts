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
    async activeRuns(userId: string): Promise<number> {
      const { rows } = await runPrecompiled(db, 'active runs of user', { userId }, (slots) =>
        db
          .selectFrom('runs')
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .where('user_id', '=', slots.userId)
          .where('status', 'in', active),
      );
      return Number(rows[0]?.count ?? 0);
    },

    /** Model tokens (prompt and completion) of the user's runs created since `since` (seconds). */
    async tokensSince(userId: string, since: number): Promise<number> {
      const { rows } = await runPrecompiled(db, 'tokens of user since', { userId, since }, (slots) =>
        db
          .selectFrom('runs')
          .select(totalTokens.as('tokens'))
          .where('user_id', '=', slots.userId)
          .where('created_at', '>=', slots.since),
      );
      return Number(rows[0]?.tokens ?? 0);
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

    /** Every user's tokens since `since`, for the owner's list. */
    async tokensByUserSince(since: number): Promise<Map<string, number>> {
      const rows = await db
        .selectFrom('runs')
        .select(['user_id', totalTokens.as('tokens')])
        .where('created_at', '>=', since)
        .groupBy('user_id')
        .execute();
      return new Map(rows.map((row) => [row.user_id, Number(row.tokens)]));
    },
  };
}

/** The start of the current UTC day, and how long until the next one, in seconds. */
export function utcDay(now: number): { start: number; secondsLeft: number } {
  const start = now - (now % 86_400);
  return { start, secondsLeft: start + 86_400 - now };
}
