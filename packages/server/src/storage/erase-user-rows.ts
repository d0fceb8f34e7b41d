import type { Stores } from './stores.ts';

/**
 * Deletes every row of one user: their diary (threads, messages, runs, run steps, stream events), their
 * own assistants (never the shared ones, which the shared owner holds), idempotency keys, devices, link
 * codes and the user itself. Children go before their parents, each by the user's id, so the foreign
 * keys' cascades find nothing left to do. Call inside a transaction; false when there was no such user.
 */
export async function eraseUserRows(stores: Stores, userId: string): Promise<boolean> {
  await stores.events.removeForUser(userId);
  await stores.steps.removeAll(userId);
  await stores.messages.removeAll(userId);
  await stores.runs.removeAll(userId);
  await stores.threads.removeAll(userId);
  await stores.assistants.removeAll(userId);
  await stores.idempotency.removeForUser(userId);
  await stores.linkCodes.removeForUser(userId);
  await stores.devices.removeAll(userId);
  return stores.users.remove(userId);
}
