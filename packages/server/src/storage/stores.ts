import type { Kysely } from 'kysely';
import { assistantStore } from './assistant-store.ts';
import { messageStore } from './message-store.ts';
import { runEventStore } from './run-event-store.ts';
import { runStepStore } from './run-step-store.ts';
import { runStore } from './run-store.ts';
import type { Tables } from './tables.ts';
import { threadStore } from './thread-store.ts';
import { userStore } from './user-store.ts';

export function storesFor(db: Kysely<Tables>) {
  return {
    users: userStore(db),
    assistants: assistantStore(db),
    threads: threadStore(db),
    messages: messageStore(db),
    runs: runStore(db),
    steps: runStepStore(db),
    events: runEventStore(db),
  };
}

export type Stores = ReturnType<typeof storesFor>;

/** Runs `work` in one transaction: every write inside lands together or not at all. */
export function inTransaction<T>(db: Kysely<Tables>, work: (stores: Stores) => Promise<T>): Promise<T> {
  return db.transaction().execute((trx) => work(storesFor(trx)));
}
