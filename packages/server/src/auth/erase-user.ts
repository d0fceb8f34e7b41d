import type { RunEngine } from '../engine/run-engine.ts';
import type { Database } from '../storage/database.ts';
import { eraseUserRows } from '../storage/erase-user-rows.ts';
import { inTransaction, type Stores, storesFor } from '../storage/stores.ts';

/**
 * Erases a user and everything they made, for good. Their devices are signed out first, so no new
 * request of theirs can start a run; the runs this gateway is generating for them are cancelled and
 * waited for, so none writes after the erasure; then every row goes in one transaction. (A run another
 * instance generates is not waited for: its next write finds the run gone and stops it.) False when
 * there is no such user.
 */
export async function eraseUser(db: Database, engine: RunEngine, userId: string): Promise<boolean> {
  await inTransaction(db, async (tx) => {
    await tx.devices.removeAll(userId);
    await tx.linkCodes.removeForUser(userId);
  });
  const stores = storesFor(db);
  for (;;) {
    const outcome = await inTransaction<{ running: string[] } | { erased: boolean }>(db, async (tx) => {
      // Looked for in the erasing transaction itself: a request signed in before its device was removed
      // may have started a run a moment ago, and an ended run may still be storing its last events.
      const running = (await tx.runs.idsOfUser(userId)).filter((runId) => engine.isRunning(runId));
      return running.length > 0 ? { running } : { erased: await eraseUserRows(tx, userId) };
    });
    if ('erased' in outcome) return outcome.erased;
    await Promise.all(outcome.running.map((runId) => stopRun(stores, engine, userId, runId)));
  }
}

/** Cancels a run this gateway is generating and waits until its last write has landed. */
async function stopRun(stores: Stores, engine: RunEngine, userId: string, runId: string) {
  const run = await stores.runs.find(userId, runId);
  if (run) await engine.cancel(userId, run);
  await engine.settled(runId);
}
