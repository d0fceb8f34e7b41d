import { type Kysely, sql } from 'kysely';
import type { ListQuery } from '../schemas/common.ts';
import { listPage, type Page } from './pages.ts';
import { runPrecompiled } from './precompiled.ts';
import type { NonObjectTable, Tables } from './tables.ts';

type ObjectTable = Exclude<keyof Tables, NonObjectTable>;
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
      const values = {
        id: object.id,
        user_id: userId,
        created_at: object.created_at,
        body: JSON.stringify(object),
        ...columns,
      };
      await runPrecompiled(db, `insert ${table} ${Object.keys(values)}`, values, (slots) =>
        loose.insertInto(table).values(slots),
      );
    },

    async find(userId: string, id: string): Promise<T | undefined> {
      const { rows } = await runPrecompiled(db, `find ${table}`, { id, userId }, (slots) =>
        loose.selectFrom(table).select('body').where('id', '=', slots.id).where('user_id', '=', slots.userId),
      );
      return rows[0] ? (JSON.parse(rows[0].body) as T) : undefined;
    },

    async findWhere(userId: string, filter: Columns): Promise<T | undefined> {
      const values = { ...filter, user_id: userId };
      const { rows } = await runPrecompiled(
        db,
        `find ${table} where ${Object.keys(values)}`,
        values,
        (slots) =>
          Object.entries(slots).reduce(
            (query, [column, slot]) => query.where(sql.ref(column), '=', slot),
            loose.selectFrom(table).select('body'),
          ),
      );
      return rows[0] ? (JSON.parse(rows[0].body) as T) : undefined;
    },

    async update(userId: string, object: T, columns: Columns = {}) {
      const set = { body: JSON.stringify(object), ...columns };
      const values = { ...set, where_id: object.id, where_user_id: userId };
      await runPrecompiled(
        db,
        `update ${table} ${Object.keys(set)}`,
        values,
        ({ where_id, where_user_id, ...slots }) =>
          loose.updateTable(table).set(slots).where('id', '=', where_id).where('user_id', '=', where_user_id),
      );
    },

    async remove(userId: string, id: string): Promise<boolean> {
      const result = await loose
        .deleteFrom(table)
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    /** Deletes every row the user has in this table. */
    async removeAll(userId: string) {
      await loose.deleteFrom(table).where('user_id', '=', userId).execute();
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
