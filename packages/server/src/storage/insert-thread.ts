import { newId, nowSeconds } from '../ids.ts';
import { type CreateMessageRequest, newMessage } from '../schemas/message.ts';
import { newThread, type Thread } from '../schemas/thread.ts';
import type { Stores } from './stores.ts';

/** A new thread with its first messages; call inside a transaction so they land together. */
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

/** Messages a caller adds in order, as a thread's first messages or a run's additional ones. */
export async function insertMessages(
  stores: Stores,
  userId: string,
  threadId: string,
  inputs: CreateMessageRequest[],
) {
  for (const input of inputs) {
    await stores.messages.insert(userId, newMessage(newId('msg'), nowSeconds(), threadId, input));
  }
}
