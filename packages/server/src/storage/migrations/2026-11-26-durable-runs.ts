import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.ts';

/**
 * What the rebuilt run engine keeps: which instance holds a run and until when, the run's stream
 * events (so a dropped stream can be resumed and a crash loses almost nothing), each message's token
 * count (so a prompt is planned without reading whole threads), and idempotency keys.
 */
export function durableRuns(_dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('runs').addColumn('owner', 'text').execute();
      await db.schema.alterTable('runs').addColumn('lease_until', 'bigint').execute();
      await db.schema.alterTable('runs').addColumn('ended_at', 'bigint').execute();
      // Only ended runs are looked up by when they ended; a run starting writes nothing to this index.
      await db.schema
        .createIndex('runs_ended_at')
        .on('runs')
        .column('ended_at')
        .where(sql.ref('ended_at'), 'is not', null)
        .execute();
      await db.schema.alterTable('messages').addColumn('tokens', 'integer').execute();
      // Messages stored before counts were kept count as two characters a token: rather more, never fewer.
      await sql`update messages set tokens = (length(body) + 1) / 2 where tokens is null`.execute(db);
      // Prompt planning reads only this index, newest first, never the message bodies it will not use.
      await db.schema
        .createIndex('messages_thread_tokens')
        .on('messages')
        .columns(['thread_id', 'seq', 'user_id', 'tokens', 'run_id'])
        .execute();
      // Both are covered by the indexes above and the one-active-run index; each costs writes on every run.
      await db.schema.dropIndex('messages_thread').execute();
      await db.schema.dropIndex('runs_status').execute();

      await db.schema
        .createTable('run_events')
        .addColumn('run_id', 'text', (col) => col.notNull().references('runs.id').onDelete('cascade'))
        .addColumn('first_id', 'integer', (col) => col.notNull())
        .addColumn('last_id', 'integer', (col) => col.notNull())
        .addColumn('frames', 'text', (col) => col.notNull())
        .addPrimaryKeyConstraint('run_events_pk', ['run_id', 'first_id'])
        .execute();

      await db.schema
        .createTable('idempotency_keys')
        .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
        .addColumn('path', 'text', (col) => col.notNull())
        .addColumn('key', 'text', (col) => col.notNull())
        .addColumn('body_hash', 'text', (col) => col.notNull())
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('status', 'integer')
        .addColumn('response', 'text')
        .addColumn('thread_id', 'text')
        .addColumn('run_id', 'text')
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['user_id', 'path', 'key'])
        .execute();
      await db.schema
        .createIndex('idempotency_keys_created')
        .on('idempotency_keys')
        .column('created_at')
        .execute();
    },
  };
}
