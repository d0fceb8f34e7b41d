import type { Kysely } from 'kysely';
import { activeRunStatuses, type Run } from '../schemas/run.ts';
import { ownedObjects } from './owned-objects.ts';
import type { Tables } from './tables.ts';

export function runStore(db: Kysely<Tables>) {
  const objects = ownedObjects<Run>(db, 'runs');
  const columns = (run: Run) => ({ thread_id: run.thread_id, status: run.status });
  return {
    ...objects,
    insert: (userId: string, run: Run) => objects.insert(userId, run, columns(run)),
    update: (userId: string, run: Run) => objects.update(userId, run, columns(run)),
    findInThread: (userId: string, threadId: string, id: string) =>
      objects.findWhere(userId, { thread_id: threadId, id }),

    async activeInThread(userId: string, threadId: string): Promise<Run | undefined> {
      const row = await db
        .selectFrom('runs')
        .select('body')
        .where('user_id', '=', userId)
        .where('thread_id', '=', threadId)
        .where('status', 'in', activeRunStatuses)
        .executeTakeFirst();
      return row ? (JSON.parse(row.body) as Run) : undefined;
    },

    /** Writes the run only if the stored one is still active, so a run that just finished keeps its end. */
    async updateIfActive(userId: string, run: Run): Promise<boolean> {
      const result = await db
        .updateTable('runs')
        .set({ body: JSON.stringify(run), status: run.status })
        .where('id', '=', run.id)
        .where('user_id', '=', userId)
        .where('status', 'in', activeRunStatuses)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /** Runs a previous process left unfinished, with their owners, so they can be closed at start. */
    async allActive(): Promise<Array<{ userId: string; run: Run }>> {
      const rows = await db
        .selectFrom('runs')
        .select(['user_id', 'body'])
        .where('status', 'in', activeRunStatuses)
        .execute();
      return rows.map((row) => ({ userId: row.user_id, run: JSON.parse(row.body) as Run }));
    },
  };
}
