import { badRequest } from '../errors.ts';
import { newId, nowSeconds } from '../ids.ts';
import { type CreateRunRequest, type CreateThreadAndRunRequest, newRun, type Run } from '../schemas/run.ts';
import type { Thread } from '../schemas/thread.ts';
import { insertMessages, insertThread } from '../storage/insert-thread.ts';
import { ownedThread, visibleAssistant } from '../storage/owned-lookups.ts';
import type { Stores } from '../storage/stores.ts';

/**
 * A new run for a thread that has no active run, with its additional messages added; for the run
 * engine to store and start in the same transaction.
 */
export async function runOnThread(
  tx: Stores,
  userId: string,
  threadId: string,
  params: CreateRunRequest,
): Promise<{ run: Run }> {
  await ownedThread(tx, userId, threadId);
  const assistant = await visibleAssistant(tx, userId, params.assistant_id);
  const activeRun = await tx.runs.activeInThread(userId, threadId);
  if (activeRun) throw badRequest(`Thread ${threadId} already has an active run ${activeRun.id}.`);
  const run = checkedToolChoice(newRun(newId('run'), nowSeconds(), threadId, assistant, params));
  await insertMessages(tx, userId, threadId, params.additional_messages ?? []);
  return { run };
}

/** A new thread with its first messages and a run on it. */
export async function threadAndRun(
  tx: Stores,
  userId: string,
  params: CreateThreadAndRunRequest,
): Promise<{ thread: Thread; run: Run }> {
  const assistant = await visibleAssistant(tx, userId, params.assistant_id);
  const run = checkedToolChoice(newRun(newId('run'), nowSeconds(), '', assistant, params));
  const thread = await insertThread(tx, userId, params.thread ?? {});
  return { thread, run: { ...run, thread_id: thread.id } };
}

/** A tool choice the run's tools can satisfy, as OpenAI requires. */
function checkedToolChoice(run: Run): Run {
  const names = run.tools.map((tool) => (tool as { function?: { name?: string } }).function?.name);
  const choice = run.tool_choice;
  if (choice === 'required' && names.length === 0) {
    throw badRequest("tool_choice 'required' needs at least one tool.", 'tool_choice');
  }
  if (typeof choice === 'object' && !names.includes(choice.function.name)) {
    throw badRequest(
      `tool_choice names ${choice.function.name}, which is not one of the run's tools.`,
      'tool_choice',
    );
  }
  return run;
}
