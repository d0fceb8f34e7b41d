import { type Expression, type Kysely, type RawBuilder, SqliteAdapter, sql } from 'kysely';
import type { Tables } from './tables.ts';

/**
 * A new JSON body for a row, with the metadata the row holds now put back into it: a client may change
 * a run's or reply's metadata while the engine is writing it, and the client's change must stand.
 */
export function keepingStoredMetadata(
  db: Kysely<Tables>,
  body: Expression<string> | unknown,
): RawBuilder<string> {
  // SQLite and PostgreSQL edit JSON with different functions.
  return db.getExecutor().adapter instanceof SqliteAdapter
    ? sql<string>`json_set(${body}, '$.metadata', json(json_extract(body, '$.metadata')))`
    : sql<string>`jsonb_set(${body}::jsonb, '{metadata}', body::jsonb -> 'metadata')::text`;
}
