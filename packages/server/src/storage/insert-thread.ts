import { badRequest } from '../errors.ts';
import { newId, nowSeconds } from '../ids.ts';
import { type CreateMessageRequest, type Message, newMessage } from '../schemas/message.ts';
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

/** OpenAI's limit on the messages one thread holds. */
export const maxMessagesPerThread = 100_000;

/**
 * Messages a caller adds in order (to a new thread, as a run's additional ones, or one by one), as
 * long as the thread has room for them.
 */
export async function insertMessages(
  stores: Stores,
  userId: string,
  threadId: string,
  inputs: CreateMessageRequest[],
): Promise<Message[]> {
  if (inputs.length === 0) return [];
  const held = await stores.usage.messagesInThread(threadId, maxMessagesPerThread);
  if (held + inputs.length > maxMessagesPerThread) {
    throw badRequest(
      `Thread ${threadId} holds ${maxMessagesPerThread.toLocaleString('en')} messages, as many as a thread may: start a new thread.`,
    );
  }
  const messages: Message[] = [];
  for (const input of inputs) {
    const message = newMessage(newId('msg'), nowSeconds(), threadId, input);
    await stores.messages.insert(userId, message);
    messages.push(message);
  }
  return messages;
}
