import { badRequest } from '../errors.ts';
import { newId, nowSeconds } from '../ids.ts';
import { type CreateRunRequest, type CreateThreadAndRunRequest, newRun, type Run } from '../schemas/run.ts';
import type { Thread } from '../schemas/thread.ts';
import type { Database } from '../storage/database.ts';
import { insertMessages, insertThread } from '../storage/insert-thread.ts';
import { ownedThread, visibleAssistant } from '../storage/owned-lookups.ts';
import { inTransaction } from '../storage/stores.ts';

/** Adds a queued run (and its additional messages) to a thread that has no active run. */
export function queueRunOnThread(
  db: Database,
  userId: string,
  threadId: string,
  params: CreateRunRequest,
): Promise<Run> {
  // Checking for an active run and inserting the new one in one transaction keeps it one run per thread.
  return inTransaction(db, async (stores) => {
    await ownedThread(stores, userId, threadId);
    const assistant = await visibleAssistant(stores, userId, params.assistant_id);
    const activeRun = await stores.runs.activeInThread(userId, threadId);
    if (activeRun) throw badRequest(`Thread ${threadId} already has an active run ${activeRun.id}.`);
    await insertMessages(stores, userId, threadId, params.additional_messages ?? []);
    const run = newRun(newId('run'), nowSeconds(), threadId, assistant, params);
    await stores.runs.insert(userId, run);
    return run;
  });
}

/** Creates a thread with its first messages and a queued run on it, all or nothing. */
export function queueThreadAndRun(
  db: Database,
  userId: string,
  params: CreateThreadAndRunRequest,
): Promise<{ thread: Thread; run: Run }> {
  return inTransaction(db, async (stores) => {
    const assistant = await visibleAssistant(stores, userId, params.assistant_id);
    const thread = await insertThread(stores, userId, params.thread ?? {});
    const run = newRun(newId('run'), nowSeconds(), thread.id, assistant, params);
    await stores.runs.insert(userId, run);
    return { thread, run };
  });
}
