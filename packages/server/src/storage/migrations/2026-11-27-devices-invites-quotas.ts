import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.ts';

/**
 * One person on several devices: each device has its own hashed token, and a user's tokens move from
 * `users` to `devices`. Also invites, link codes for a second device, per-user quota overrides, and the
 * indexes that count a user's active runs and read their usage without reading every run.
 */
export function devicesInvitesQuotas(_dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('devices')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
        .addColumn('token_hash', 'text', (col) => col.notNull().unique())
        .addColumn('name', 'text')
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('last_used_at', 'bigint')
        .execute();
      await db.schema.createIndex('devices_user').on('devices').column('user_id').execute();
      await sql`insert into devices (id, user_id, token_hash, created_at, last_used_at)
        select 'device_' || substr(id, 6), id, token_hash, created_at, null from users
        where token_hash not like '!%'`.execute(db);
      // `users.token_hash` is NOT NULL UNIQUE from the first schema; it now holds a value no token hashes to.
      await sql`update users set token_hash = '!user:' || id where token_hash not like '!%'`.execute(db);

      await db.schema.alterTable('users').addColumn('rate_limit_rpm', 'integer').execute();
      await db.schema.alterTable('users').addColumn('tokens_per_day', 'bigint').execute();
      await db.schema.alterTable('users').addColumn('max_concurrent_runs', 'integer').execute();

      await db.schema
        .createTable('invites')
        .addColumn('code_hash', 'text', (col) => col.primaryKey())
        .addColumn('uses_left', 'integer', (col) => col.notNull())
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('expires_at', 'bigint', (col) => col.notNull())
        .execute();

      await db.schema
        .createTable('link_codes')
        .addColumn('code_hash', 'text', (col) => col.primaryKey())
        .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
        .addColumn('expires_at', 'bigint', (col) => col.notNull())
        .execute();

      // Counting a user's active runs reads only this small index, whatever the user's history.
      await sql`create index runs_active_user on runs (user_id)
        where status in ('queued', 'in_progress', 'requires_action', 'cancelling')`.execute(db);
      // A user's usage is read from the runs that ended since it was last read: new rows only.
      await db.schema
        .createIndex('runs_user_ended')
        .on('runs')
        .columns(['user_id', 'ended_at'])
        .where(sql.ref('ended_at'), 'is not', null)
        .execute();
    },
  };
}
