import type { Kysely } from 'kysely';
import type { Tables } from './tables.ts';

export function inviteStore(db: Kysely<Tables>) {
  return {
    async insert(invite: { codeHash: string; uses: number; createdAt: number; expiresAt: number }) {
      await db
        .insertInto('invites')
        .values({
          code_hash: invite.codeHash,
          uses_left: invite.uses,
          created_at: invite.createdAt,
          expires_at: invite.expiresAt,
        })
        .execute();
    },

    /** Uses the invite once if it is unexpired and has uses left; one conditional write, so two can't share the last use. */
    async redeem(codeHash: string, now: number): Promise<boolean> {
      const result = await db
        .updateTable('invites')
        .set((eb) => ({ uses_left: eb('uses_left', '-', 1) }))
        .where('code_hash', '=', codeHash)
        .where('uses_left', '>', 0)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}
