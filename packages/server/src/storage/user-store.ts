import type { Kysely } from 'kysely';
import { runPrecompiled } from './precompiled.ts';
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
      const { rows } = await runPrecompiled(db, 'user for token', { tokenHash }, (slots) =>
        db.selectFrom('users').select('id').where('token_hash', '=', slots.tokenHash),
      );
      return rows[0]?.id;
    },
  };
}
