import { type Kysely, sql } from 'kysely';

/** The database itself refuses a second active run on a thread, whatever races the code might have. */
export const oneActiveRunPerThread = {
  async up(db: Kysely<unknown>) {
    await sql`create unique index runs_one_active_per_thread on runs (thread_id)
      where status in ('queued', 'in_progress', 'requires_action', 'cancelling')`.execute(db);
  },
};
