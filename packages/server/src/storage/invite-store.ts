import type { Kysely } from 'kysely';
import type { Tables } from './tables.ts';

/** An invite as the owner sees it: everything but its code, which is stored only as a hash. */
export interface InviteSummary {
  id: string;
  created_at: number;
  expires_at: number;
  uses: number;
  uses_left: number;
  last_used_at: number | null;
}

export function inviteStore(db: Kysely<Tables>) {
  return {
    async insert({ codeHash, ...invite }: InviteSummary & { codeHash: string }) {
      await db
        .insertInto('invites')
        .values({ ...invite, code_hash: codeHash })
        .execute();
    },

    /** Uses the invite once if it is unexpired and has uses left; one conditional write, so two can't share the last use. */
    async redeem(codeHash: string, now: number): Promise<boolean> {
      const result = await db
        .updateTable('invites')
        .set((eb) => ({ uses_left: eb('uses_left', '-', 1), last_used_at: now }))
        .where('code_hash', '=', codeHash)
        .where('uses_left', '>', 0)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /** Invites that still work at `now`, and those last used since `usedSince`; oldest first. */
    async list(now: number, usedSince: number): Promise<InviteSummary[]> {
      const rows = await db
        .selectFrom('invites')
        .select(['id', 'created_at', 'expires_at', 'uses', 'uses_left', 'last_used_at'])
        .where((eb) =>
          eb.or([
            eb.and([eb('uses_left', '>', 0), eb('expires_at', '>', now)]),
            eb('last_used_at', '>=', usedSince),
          ]),
        )
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map((row) => ({
        ...row,
        created_at: Number(row.created_at),
        expires_at: Number(row.expires_at),
        last_used_at: row.last_used_at === null ? null : Number(row.last_used_at),
      }));
    },

    /**
     * Forgets invites that can no longer be used (spent or expired) and were not used since `usedSince`:
     * `list` would never show them again, and their codes open nothing.
     */
    async forgetSpent(now: number, usedSince: number) {
      await db
        .deleteFrom('invites')
        .where((eb) =>
          eb.and([
            eb.or([eb('uses_left', '<=', 0), eb('expires_at', '<=', now)]),
            eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', usedSince)]),
          ]),
        )
        .execute();
    },

    /** Revokes the invite: its code stops working with this write. False when there was none. */
    async remove(id: string): Promise<boolean> {
      const result = await db.deleteFrom('invites').where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}
