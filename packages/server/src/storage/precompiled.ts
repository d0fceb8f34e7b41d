import { type Compilable, CompiledQuery, type Kysely, type QueryResult } from 'kysely';
import type { Tables } from './tables.ts';

/** Where a value goes in a query compiled before the values are known. */
class Slot {
  readonly name: string;
  constructor(name: string) {
    this.name = name;
  }
}

const compiledQueries = new Map<string, { sql: string; parameters: readonly unknown[] }>();

/** Runs compiled SQL on a database's one connection at once, as its driver would. */
export type DirectRunner = (sql: string, parameters: readonly unknown[]) => QueryResult<unknown>;

/**
 * Databases (and transactions) whose queries may skip Kysely's queue and run on the connection at once,
 * while `available` says so: for a synchronous driver, Kysely's connection mutex and promise layers cost
 * more than the statement itself.
 */
const directRunners = new WeakMap<Kysely<Tables>, { run: DirectRunner; available: () => boolean }>();

export function runDirectly(db: Kysely<Tables>, run: DirectRunner, available: () => boolean = () => true) {
  directRunners.set(db, { run, available });
}

export function stopRunningDirectly(db: Kysely<Tables>) {
  directRunners.delete(db);
}

export const directRunnerOf = (db: Kysely<Tables>): DirectRunner | undefined => directRunners.get(db)?.run;

/**
 * Runs a query that is built and compiled once per `shape`, then only filled with `values`. For the
 * statements every run executes, building and compiling Kysely's query tree each time cost more than
 * SQLite running them. `build` gets stand-ins for `values`, by name; `shape` names everything else
 * the SQL depends on (table, columns).
 */
export function runPrecompiled<Row, Values extends Record<string, unknown>>(
  db: Kysely<Tables>,
  shape: string,
  values: Values,
  build: (slots: Values) => Compilable<Row>,
): Promise<QueryResult<Row>> {
  let compiled = compiledQueries.get(shape);
  if (!compiled) {
    const slots = Object.fromEntries(Object.keys(values).map((name) => [name, new Slot(name)])) as Values;
    const { sql, parameters } = build(slots).compile();
    compiled = { sql, parameters };
    compiledQueries.set(shape, compiled);
  }
  const parameters = compiled.parameters.map((parameter) =>
    parameter instanceof Slot ? values[parameter.name] : parameter,
  );
  const direct = directRunners.get(db);
  if (direct?.available()) {
    try {
      return Promise.resolve(direct.run(compiled.sql, parameters) as QueryResult<Row>);
    } catch (error) {
      return Promise.reject(error);
    }
  }
  return db.executeQuery(CompiledQuery.raw(compiled.sql, parameters) as CompiledQuery<Row>);
}
