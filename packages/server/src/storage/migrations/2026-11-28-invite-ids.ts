import { type Kysely, sql } from 'kysely';
import { newId } from '../../ids.ts';

/**
 * Invites the owner can list and revoke: their codes are stored only hashed, so each gets an id; each
 * also keeps how many uses it was made with and when it was last used.
 */
export const inviteIds = {
  async up(db: Kysely<unknown>) {
    // Added empty, then filled: SQLite adds a NOT NULL column only with a constant default.
    await db.schema.alterTable('invites').addColumn('id', 'text').execute();
    await db.schema.alterTable('invites').addColumn('uses', 'integer').execute();
    await db.schema.alterTable('invites').addColumn('last_used_at', 'bigint').execute();
    const { rows } = await sql<{ code_hash: string }>`select code_hash from invites`.execute(db);
    for (const { code_hash } of rows) {
      await sql`update invites set id = ${newId('invite')} where code_hash = ${code_hash}`.execute(db);
    }
    // For an invite made before uses were kept, the uses it had left are all that is known.
    await sql`update invites set uses = uses_left`.execute(db);
    await db.schema.createIndex('invites_id').on('invites').column('id').unique().execute();
  },
};
