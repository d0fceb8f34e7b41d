import { badRequest, notFound } from '../errors.ts';
import type { Stores } from './stores.ts';

/** An assistant the user may run: their own or a shared one; the same 404 for anyone else's. */
export async function visibleAssistant(stores: Stores, userId: string, assistantId: string) {
  const assistant = await stores.assistants.findVisible(userId, assistantId);
  if (!assistant) throw notFound('assistant', assistantId);
  return assistant;
}

/** An assistant the user may change: their own. Shared ones are refused with a reason. */
export async function ownedAssistant(stores: Stores, userId: string, assistantId: string) {
  const assistant = await stores.assistants.find(userId, assistantId);
  if (assistant) return assistant;
  if (await stores.assistants.findVisible(userId, assistantId)) {
    throw badRequest(
      `Assistant ${assistantId} is shared by this gateway and cannot be changed; create your own instead.`,
    );
  }
  throw notFound('assistant', assistantId);
}

/** The user's thread, or the same 404 whether it does not exist or belongs to someone else. */
export async function ownedThread(stores: Stores, userId: string, threadId: string) {
  const thread = await stores.threads.find(userId, threadId);
  if (!thread) throw notFound('thread', threadId);
  return thread;
}

export async function ownedRun(stores: Stores, userId: string, threadId: string, runId: string) {
  await ownedThread(stores, userId, threadId);
  const run = await stores.runs.findInThread(userId, threadId, runId);
  if (!run) throw notFound('run', runId);
  return run;
}

export async function ownedMessage(stores: Stores, userId: string, threadId: string, messageId: string) {
  await ownedThread(stores, userId, threadId);
  const message = await stores.messages.findInThread(userId, threadId, messageId);
  if (!message) throw notFound('message', messageId);
  return message;
}
