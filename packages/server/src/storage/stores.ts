import type { Kysely } from 'kysely';
import { assistantStore } from './assistant-store.ts';
import { deviceStore } from './device-store.ts';
import { inGroupCommit } from './group-commit.ts';
import { idempotencyStore } from './idempotency-store.ts';
import { inviteStore } from './invite-store.ts';
import { linkCodeStore } from './link-code-store.ts';
import { messageStore } from './message-store.ts';
import { runEventStore } from './run-event-store.ts';
import { runStepStore } from './run-step-store.ts';
import { runStore } from './run-store.ts';
import type { Tables } from './tables.ts';
import { threadStore } from './thread-store.ts';
import { usageStore } from './usage-store.ts';
import { userStore } from './user-store.ts';

const storesOf = new WeakMap<Kysely<Tables>, Stores>();

/**
 * Every store on one database or transaction, each made when first used: a transaction uses few. The
 * works sharing one transaction share one set.
 */
export function storesFor(db: Kysely<Tables>): Stores {
  let stores = storesOf.get(db);
  if (!stores) {
    stores = makeStores(db);
    storesOf.set(db, stores);
  }
  return stores;
}

function makeStores(db: Kysely<Tables>) {
  const made: Partial<Record<string, unknown>> = {};
  const once = <T>(name: string, make: (db: Kysely<Tables>) => T): T => {
    made[name] ??= make(db);
    return made[name] as T;
  };
  return {
    get users() {
      return once('users', userStore);
    },
    get devices() {
      return once('devices', deviceStore);
    },
    get invites() {
      return once('invites', inviteStore);
    },
    get linkCodes() {
      return once('linkCodes', linkCodeStore);
    },
    get assistants() {
      return once('assistants', assistantStore);
    },
    get threads() {
      return once('threads', threadStore);
    },
    get messages() {
      return once('messages', messageStore);
    },
    get runs() {
      return once('runs', runStore);
    },
    get steps() {
      return once('steps', runStepStore);
    },
    get events() {
      return once('events', runEventStore);
    },
    get usage() {
      return once('usage', usageStore);
    },
    get idempotency() {
      return once('idempotency', idempotencyStore);
    },
  };
}

export type Stores = ReturnType<typeof makeStores>;

/**
 * Runs `work` in a transaction: every write inside lands together or not at all, and the promise
 * settles once they are committed.
 */
export function inTransaction<T>(db: Kysely<Tables>, work: (stores: Stores) => Promise<T>): Promise<T> {
  return inGroupCommit(db, (trx) => work(storesFor(trx)));
}
