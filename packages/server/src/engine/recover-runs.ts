import type { Logger } from 'pino';
import { nowSeconds } from '../ids.ts';
import type { Database } from '../storage/database.ts';
import { inTransaction, storesFor } from '../storage/stores.ts';

const interrupted = {
  code: 'server_error',
  message: 'The gateway restarted while this run was in progress. Create a new run to continue.',
} as const;

/**
 * Closes runs that a previous process left active, so their threads accept new runs again.
 * Their partial replies lived only in that process's memory; what was stored stays as it was.
 */
export async function failInterruptedRuns(db: Database, logger: Logger): Promise<number> {
  const leftovers = await storesFor(db).runs.allActive();
  const at = nowSeconds();
  for (const { userId, run } of leftovers) {
    await inTransaction(db, async (stores) => {
      await stores.runs.update(userId, {
        ...run,
        status: 'failed',
        failed_at: at,
        expires_at: null,
        last_error: interrupted,
      });
      const page = await stores.steps.list(userId, { limit: 100, order: 'asc' }, { run_id: run.id });
      for (const step of page.data.filter((s) => s.status === 'in_progress')) {
        await stores.steps.update(userId, {
          ...step,
          status: 'failed',
          failed_at: at,
          last_error: interrupted,
        });
        const message = await stores.messages.find(userId, step.step_details.message_creation.message_id);
        if (message?.status === 'in_progress') {
          await stores.messages.update(userId, {
            ...message,
            status: 'incomplete',
            incomplete_at: at,
            incomplete_details: { reason: 'run_failed' },
          });
        }
      }
    });
  }
  if (leftovers.length > 0) logger.warn({ runs: leftovers.length }, 'closed runs interrupted by a restart');
  return leftovers.length;
}
