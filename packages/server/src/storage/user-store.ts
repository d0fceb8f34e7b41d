import type { Kysely } from 'kysely';
import { runPrecompiled } from './precompiled.ts';
import type { Tables } from './tables.ts';

/** The owner's per-user overrides of the gateway's quotas; null keeps the gateway's own. */
export interface QuotaOverrides {
  rate_limit_rpm: number | null;
  tokens_per_day: number | null;
  max_concurrent_runs: number | null;
}

export interface UserSummary {
  id: string;
  created_at: number;
  last_seen_at: number | null;
  token_count: number;
  quotas: QuotaOverrides;
}

export function userStore(db: Kysely<Tables>) {
  return {
    /** `tokenHash` is only for the gateway's own users (the shared owner); people sign in through devices. */
    async insert(user: { id: string; tokenHash?: string; createdAt: number }) {
      await db
        .insertInto('users')
        .values({ id: user.id, token_hash: user.tokenHash ?? `!user:${user.id}`, created_at: user.createdAt })
        .execute();
    },

    async idForTokenHash(tokenHash: string): Promise<string | undefined> {
      const { rows } = await runPrecompiled(db, 'user for token', { tokenHash }, (slots) =>
        db.selectFrom('users').select('id').where('token_hash', '=', slots.tokenHash),
      );
      return rows[0]?.id;
    },

    async exists(userId: string): Promise<boolean> {
      return (
        (await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst()) !== undefined
      );
    },

    async quotas(userId: string): Promise<QuotaOverrides | undefined> {
      const { rows } = await runPrecompiled(db, 'quotas of user', { userId }, (slots) =>
        db
          .selectFrom('users')
          .select(['rate_limit_rpm', 'tokens_per_day', 'max_concurrent_runs'])
          .where('id', '=', slots.userId),
      );
      const row = rows[0];
      return (
        row && { ...row, tokens_per_day: row.tokens_per_day === null ? null : Number(row.tokens_per_day) }
      );
    },

    async setQuotas(userId: string, quotas: Partial<QuotaOverrides>): Promise<void> {
      if (Object.keys(quotas).length === 0) return;
      await db.updateTable('users').set(quotas).where('id', '=', userId).execute();
    },

    /** Deletes the user's row; false when there was none. */
    async remove(userId: string): Promise<boolean> {
      const result = await db.deleteFrom('users').where('id', '=', userId).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    /** People (not the gateway's own users), oldest first, with their devices counted; or just `onlyId`. */
    async list(onlyId?: string): Promise<UserSummary[]> {
      let query = db
        .selectFrom('users')
        .leftJoin('devices', 'devices.user_id', 'users.id')
        .select((eb) => [
          'users.id',
          'users.created_at',
          'users.rate_limit_rpm',
          'users.tokens_per_day',
          'users.max_concurrent_runs',
          eb.fn.max('devices.last_used_at').as('last_seen_at'),
          eb.fn.count<number>('devices.id').as('token_count'),
        ])
        .where('users.token_hash', 'like', '!user:%')
        .groupBy('users.id')
        .orderBy('users.created_at')
        .orderBy('users.id');
      if (onlyId !== undefined) query = query.where('users.id', '=', onlyId);
      const rows = await query.execute();
      return rows.map((row) => ({
        id: row.id,
        created_at: Number(row.created_at),
        last_seen_at: row.last_seen_at === null ? null : Number(row.last_seen_at),
        token_count: Number(row.token_count),
        quotas: {
          rate_limit_rpm: row.rate_limit_rpm,
          tokens_per_day: row.tokens_per_day === null ? null : Number(row.tokens_per_day),
          max_concurrent_runs: row.max_concurrent_runs,
        },
      }));
    },
  };
}
