import { type Kysely, sql } from 'kysely';
import type { ListQuery } from '../schemas/common.ts';
import { listPage, type Page } from './pages.ts';
import type { Tables } from './tables.ts';

type ObjectTable = Exclude<keyof Tables, 'users' | 'run_events' | 'idempotency_keys'>;
type Columns = Record<string, string | number | null>;

/**
 * Rows that hold one user's API object as JSON, shared by every store; `columns` mirrors the
 * object's fields that queries filter on.
 */
export function ownedObjects<T extends { id: string; created_at: number }>(
  db: Kysely<Tables>,
  table: ObjectTable,
) {
  // The object tables share id, user_id and body; their extra columns come from each store's `columns`.
  const loose = db as unknown as Kysely<
    Record<string, Record<string, unknown> & { id: string; user_id: string; body: string }>
  >;

  return {
    async insert(userId: string, object: T, columns: Columns = {}) {
      await loose
        .insertInto(table)
        .values({
          id: object.id,
          user_id: userId,
          created_at: object.created_at,
          body: JSON.stringify(object),
          ...columns,
        })
        .execute();
    },

    async find(userId: string, id: string): Promise<T | undefined> {
      const row = await loose
        .selectFrom(table)
        .select('body')
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row ? (JSON.parse(row.body) as T) : undefined;
    },

    async findWhere(userId: string, filter: Columns): Promise<T | undefined> {
      let query = loose.selectFrom(table).select('body').where('user_id', '=', userId);
      for (const [column, value] of Object.entries(filter)) query = query.where(sql.ref(column), '=', value);
      const row = await query.executeTakeFirst();
      return row ? (JSON.parse(row.body) as T) : undefined;
    },

    async update(userId: string, object: T, columns: Columns = {}) {
      await loose
        .updateTable(table)
        .set({ body: JSON.stringify(object), ...columns })
        .where('id', '=', object.id)
        .where('user_id', '=', userId)
        .execute();
    },

    async remove(userId: string, id: string): Promise<boolean> {
      const result = await loose
        .deleteFrom(table)
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    list(
      userId: string,
      query: ListQuery,
      filter: Record<string, string> = {},
      metadata: Record<string, string> = {},
    ): Promise<Page<T>> {
      return listPage<T>(db, table, { columns: { user_id: userId, ...filter }, metadata }, query);
    },
  };
}
