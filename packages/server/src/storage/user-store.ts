import type { Kysely } from 'kysely';
import type { Tables } from './tables.ts';

export function userStore(db: Kysely<Tables>) {
  return {
    async insert(user: { id: string; tokenHash: string; createdAt: number }) {
      await db
        .insertInto('users')
        .values({ id: user.id, token_hash: user.tokenHash, created_at: user.createdAt })
        .execute();
    },

    async idForTokenHash(tokenHash: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('users')
        .select('id')
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row?.id;
    },
  };
}
