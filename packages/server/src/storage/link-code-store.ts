import type { Kysely } from 'kysely';
import type { Tables } from './tables.ts';

export function linkCodeStore(db: Kysely<Tables>) {
  return {
    async insert(link: { codeHash: string; userId: string; expiresAt: number }) {
      await db
        .insertInto('link_codes')
        .values({ code_hash: link.codeHash, user_id: link.userId, expires_at: link.expiresAt })
        .execute();
    },

    /** Cancels the user's codes not yet used: signing a device out must not leave a way back in. */
    async removeForUser(userId: string) {
      await db.deleteFrom('link_codes').where('user_id', '=', userId).execute();
    },

    /** The user the code links to, used up by this call; undefined when unknown, used or expired. */
    async redeem(codeHash: string, now: number): Promise<string | undefined> {
      const row = await db
        .deleteFrom('link_codes')
        .where('code_hash', '=', codeHash)
        .returning(['user_id', 'expires_at'])
        .executeTakeFirst();
      // Expired codes are also gone after this, so they are never tried twice.
      await db.deleteFrom('link_codes').where('expires_at', '<=', now).execute();
      return row && Number(row.expires_at) > now ? row.user_id : undefined;
    },
  };
}
