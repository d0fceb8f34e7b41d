import { type Kysely, SqliteAdapter, sql } from 'kysely';
import { badRequest } from '../errors.ts';
import type { ListQuery } from '../schemas/common.ts';
import type { NonObjectTable, Tables } from './tables.ts';

export interface Page<T> {
  object: 'list';
  data: T[];
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

type ListedTable = Exclude<keyof Tables, NonObjectTable>;

/** Rows to list: columns equal to values, and metadata keys of the stored object equal to values. */
export interface ListFilter {
  /** A list of values matches any of them. */
  columns: Record<string, string | string[]>;
  metadata?: Record<string, string>;
}

/**
 * Lists one page of a table's rows matching `filter`, ordered by insertion, with OpenAI's cursor rules:
 * `after` continues past an id in the listing order, `before` returns the rows just ahead of it.
 */
export async function listPage<T>(
  db: Kysely<Tables>,
  table: ListedTable,
  filter: ListFilter,
  query: ListQuery,
): Promise<Page<T>> {
  // One untyped view of the listed tables: they all share seq, id and body, and filters name real columns.
  const loose = db as unknown as Kysely<Record<string, { seq: number; id: string; body: string }>>;
  const where = (builder: ReturnType<typeof base>) => {
    const byColumns = Object.entries(filter.columns).reduce(
      (q, [column, value]) =>
        Array.isArray(value) ? q.where(sql.ref(column), 'in', value) : q.where(sql.ref(column), '=', value),
      builder,
    );
    return Object.entries(filter.metadata ?? {}).reduce(
      (q, [key, value]) => q.where(metadataValue(db, key), '=', value),
      byColumns,
    );
  };
  const base = () => loose.selectFrom(table);

  const cursorSeq = async (id: string, param: 'after' | 'before') => {
    const row = await where(base()).select('seq').where('id', '=', id).executeTakeFirst();
    if (!row) throw badRequest(`Invalid '${param}' cursor: no object with id '${id}' in this list.`, param);
    return Number(row.seq);
  };
  const afterSeq = query.after === undefined ? undefined : await cursorSeq(query.after, 'after');
  const beforeSeq = query.before === undefined ? undefined : await cursorSeq(query.before, 'before');

  const descending = query.order === 'desc';
  // With only `before`, walk away from the cursor so the nearest rows come first, then restore the order.
  const walkBackwards = beforeSeq !== undefined && afterSeq === undefined;
  const scanDescending = walkBackwards ? !descending : descending;

  let select = where(base()).select(['id', 'body']);
  if (afterSeq !== undefined) select = select.where('seq', descending ? '<' : '>', afterSeq);
  if (beforeSeq !== undefined) select = select.where('seq', descending ? '>' : '<', beforeSeq);
  const rows = await select
    .orderBy('seq', scanDescending ? 'desc' : 'asc')
    .limit(query.limit + 1)
    .execute();

  const has_more = rows.length > query.limit;
  const pageRows = rows.slice(0, query.limit);
  if (walkBackwards) pageRows.reverse();
  const data = pageRows.map((row) => JSON.parse(row.body) as T);
  return {
    object: 'list',
    data,
    first_id: pageRows[0]?.id ?? null,
    last_id: pageRows.at(-1)?.id ?? null,
    has_more,
  };
}

/** A metadata value inside the stored JSON body; keys are checked by the route to be plain words. */
function metadataValue(db: Kysely<Tables>, key: string) {
  // SQLite and PostgreSQL reach into JSON with different functions.
  return db.getExecutor().adapter instanceof SqliteAdapter
    ? sql<string>`json_extract(body, ${`$.metadata."${key}"`})`
    : sql<string>`(body::jsonb -> 'metadata' ->> ${key})`;
}
