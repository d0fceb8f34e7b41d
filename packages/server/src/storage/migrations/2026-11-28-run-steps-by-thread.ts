import type { Kysely } from 'kysely';

/**
 * Deleting a thread (one, or every thread of a user being erased) looks up its run steps by thread:
 * without this index each thread deleted read every run step of the gateway.
 */
export const runStepsByThread = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('run_steps_thread').on('run_steps').column('thread_id').execute();
  },
};
