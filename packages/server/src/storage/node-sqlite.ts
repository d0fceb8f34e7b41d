import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import type { DirectRunner } from './precompiled.ts';
import { startWalCheckpointer } from './wal-checkpointer.ts';

/**
 * Adapts Node's built-in `node:sqlite` to the interface Kysely's SqliteDialect expects,
 * so the gateway needs no native addon compiled for the running Node.
 */
export function openNodeSqlite(path: string): SqliteDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new DatabaseSync(path);
  database.exec('PRAGMA busy_timeout = 5000');
  database.exec('PRAGMA foreign_keys = ON');
  let checkpointer: ReturnType<typeof startWalCheckpointer> | undefined;
  if (path !== ':memory:') {
    database.exec('PRAGMA journal_mode = WAL');
    database.exec('PRAGMA synchronous = NORMAL');
    // Commits then never wait for the disk; checkpoints (which do) happen on another thread.
    database.exec('PRAGMA wal_autocheckpoint = 0');
    // Once a checkpoint lets the log start over, a burst's log is cut back instead of kept on disk.
    database.exec(`PRAGMA journal_size_limit = ${64 * 1024 * 1024}`);
    checkpointer = startWalCheckpointer(path);
  }
  // Kysely prepares every query it runs; preparing is most of SQLite's cost, so each SQL text is prepared once.
  const prepared = new Map<string, SqliteStatement>();
  const values = (parameters: ReadonlyArray<unknown>) => parameters as SQLInputValue[];
  const wrap = (statement: StatementSync): SqliteStatement => ({
    reader: statement.columns().length > 0,
    all: (parameters) => statement.all(...values(parameters)),
    run: (parameters) => statement.run(...values(parameters)),
    iterate: (parameters) => statement.iterate(...values(parameters)),
  });
  return {
    close: () => {
      void checkpointer?.stop();
      database.close();
    },
    prepare(sql): SqliteStatement {
      let statement = prepared.get(sql);
      if (!statement) {
        statement = wrap(database.prepare(sql));
        // Queries built with a varying number of values (`in (...)` lists) would otherwise grow it forever.
        if (prepared.size >= maxPrepared) prepared.clear();
        prepared.set(sql, statement);
      }
      return statement;
    },
  };
}

const maxPrepared = 500;

/** Runs a query on the connection as Kysely's SQLite driver does, without its queue. */
export function sqliteRunner(database: SqliteDatabase): DirectRunner {
  return (sql, parameters) => {
    const statement = database.prepare(sql);
    if (statement.reader) return { rows: statement.all(parameters) as unknown[] };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return {
      insertId: lastInsertRowid != null ? BigInt(lastInsertRowid) : undefined,
      numAffectedRows: changes != null ? BigInt(changes) : undefined,
      rows: [],
    };
  };
}
