import { badRequest, notFound } from '../errors.ts';
import { newId, nowSeconds } from '../ids.ts';
import { type CreateMessageRequest, newMessage } from '../schemas/message.ts';
import { type CreateRunRequest, type CreateThreadAndRunRequest, newRun, type Run } from '../schemas/run.ts';
import { newThread, type Thread } from '../schemas/thread.ts';
import type { Database } from '../storage/database.ts';
import { inTransaction, type Stores } from '../storage/stores.ts';

/** Adds a queued run (and its additional messages) to a thread that has no active run. */
export function queueRunOnThread(
  db: Database,
  userId: string,
  threadId: string,
  params: CreateRunRequest,
): Promise<Run> {
  // Checking for an active run and inserting the new one in one transaction keeps it one run per thread.
  return inTransaction(db, async (stores) => {
    if (!(await stores.threads.find(userId, threadId))) throw notFound('thread', threadId);
    const assistant = await findAssistant(stores, userId, params.assistant_id);
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
    const assistant = await findAssistant(stores, userId, params.assistant_id);
    const thread = await insertThread(stores, userId, params.thread ?? {});
    const run = newRun(newId('run'), nowSeconds(), thread.id, assistant, params);
    await stores.runs.insert(userId, run);
    return { thread, run };
  });
}

export async function insertThread(
  stores: Stores,
  userId: string,
  input: { messages?: CreateMessageRequest[] | undefined; metadata?: Thread['metadata'] | null | undefined },
): Promise<Thread> {
  const thread = newThread(newId('thread'), nowSeconds(), input.metadata);
  await stores.threads.insert(userId, thread);
  await insertMessages(stores, userId, thread.id, input.messages ?? []);
  return thread;
}

async function insertMessages(
  stores: Stores,
  userId: string,
  threadId: string,
  inputs: CreateMessageRequest[],
) {
  for (const input of inputs) {
    await stores.messages.insert(userId, newMessage(newId('msg'), nowSeconds(), threadId, input));
  }
}

async function findAssistant(stores: Stores, userId: string, assistantId: string) {
  const assistant = await stores.assistants.find(userId, assistantId);
  if (!assistant) throw notFound('assistant', assistantId);
  return assistant;
}
