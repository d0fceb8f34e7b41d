import type { CreateTableBuilder, Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

export function initialSchema(dialect: Dialect) {
  // Lists follow insertion order (`seq`); SQLite and PostgreSQL spell an auto-incrementing key differently.
  const withSeq = (table: CreateTableBuilder<string, never>) =>
    dialect === 'sqlite'
      ? table.addColumn('seq', 'integer', (col) => col.primaryKey().autoIncrement())
      : table.addColumn('seq', 'bigserial', (col) => col.primaryKey());

  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('token_hash', 'text', (col) => col.notNull().unique())
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .execute();

      for (const table of ['assistants', 'threads', 'messages', 'runs', 'run_steps']) {
        let create = withSeq(db.schema.createTable(table))
          .addColumn('id', 'text', (col) => col.notNull().unique())
          .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
          .addColumn('created_at', 'bigint', (col) => col.notNull())
          .addColumn('body', 'text', (col) => col.notNull());
        if (table !== 'assistants' && table !== 'threads') {
          create = create.addColumn('thread_id', 'text', (col) =>
            col.notNull().references('threads.id').onDelete('cascade'),
          );
        }
        if (table === 'messages') create = create.addColumn('run_id', 'text');
        if (table === 'runs') create = create.addColumn('status', 'text', (col) => col.notNull());
        if (table === 'run_steps') {
          create = create.addColumn('run_id', 'text', (col) =>
            col.notNull().references('runs.id').onDelete('cascade'),
          );
        }
        await create.execute();
      }

      await db.schema.createIndex('assistants_user').on('assistants').columns(['user_id', 'seq']).execute();
      await db.schema.createIndex('threads_user').on('threads').columns(['user_id', 'seq']).execute();
      await db.schema.createIndex('messages_thread').on('messages').columns(['thread_id', 'seq']).execute();
      await db.schema.createIndex('runs_thread').on('runs').columns(['thread_id', 'seq']).execute();
      await db.schema.createIndex('runs_status').on('runs').columns(['status']).execute();
      await db.schema.createIndex('run_steps_run').on('run_steps').columns(['run_id', 'seq']).execute();
    },
  };
}
