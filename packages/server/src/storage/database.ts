import { Kysely, SqliteDialect } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import { isCommitting } from './group-commit.ts';
import { initialSchema } from './migrations/2026-11-25-initial.ts';
import { oneActiveRunPerThread } from './migrations/2026-11-25-one-active-run-per-thread.ts';
import { durableRuns } from './migrations/2026-11-26-durable-runs.ts';
import { devicesInvitesQuotas } from './migrations/2026-11-27-devices-invites-quotas.ts';
import { inviteIds } from './migrations/2026-11-28-invite-ids.ts';
import { runStepsByThread } from './migrations/2026-11-28-run-steps-by-thread.ts';
import { openNodeSqlite, sqliteRunner } from './node-sqlite.ts';
import { runDirectly } from './precompiled.ts';
import type { Tables } from './tables.ts';

export type Database = Kysely<Tables>;

import type { Dialect } from './dialect.ts';

function migrationsFor(dialect: Dialect): Record<string, Migration> {
  return {
    '2026-11-25-initial': initialSchema(dialect),
    '2026-11-25-one-active-run-per-thread': oneActiveRunPerThread,
    '2026-11-26-durable-runs': durableRuns(dialect),
    '2026-11-27-devices-invites-quotas': devicesInvitesQuotas(dialect),
    '2026-11-28-invite-ids': inviteIds,
    '2026-11-28-run-steps-by-thread': runStepsByThread,
  };
}

/** The one place the database kind is chosen; everything else speaks Kysely. */
export async function openDatabase(url: string): Promise<Database> {
  const path = url.replace(/^sqlite:/, '');
  const sqlite = openNodeSqlite(path);
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrate(db, 'sqlite');
  // Outside a transaction the one connection is free whenever JavaScript runs: node:sqlite is synchronous.
  runDirectly(db, sqliteRunner(sqlite), () => !isCommitting(db));
  return db;
}

async function migrate(db: Database, dialect: Dialect) {
  const provider: MigrationProvider = { getMigrations: async () => migrationsFor(dialect) };
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
