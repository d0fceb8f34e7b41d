import { estimateTokens } from '../providers/token-estimate.ts';
import type { Stores } from '../storage/stores.ts';
import type { RunEventLog } from './run-event-log.ts';
import { isTerminal, type RowWrite, type RunState, replyRow } from './run-state.ts';

export type StopReason = 'cancel' | 'expire' | 'shutdown';

export interface ActiveRun {
  userId: string;
  state: RunState;
  log: RunEventLog;
  abort: AbortController;
  stopReason: StopReason | undefined;
  /** Rows changed since the last write. */
  dirty: Set<RowWrite['table']>;
  inserted: Set<RowWrite['table']>;
  flushTimer: unknown;
  /** Another instance closed the run: nothing more of it is written from here. */
  takenOver: boolean;
  writing: Promise<void>;
  settled: Promise<void>;
}

/** A run this process generates, as it starts: nothing written since it was stored. */
export function newActiveRun(userId: string, state: RunState, log: RunEventLog): ActiveRun {
  return {
    userId,
    state,
    log,
    abort: new AbortController(),
    stopReason: undefined,
    dirty: new Set(),
    inserted: new Set(),
    flushTimer: undefined,
    takenOver: false,
    writing: Promise.resolve(),
    settled: Promise.resolve(),
  };
}

/** Another instance closed the run as abandoned while this one was still generating it. */
export class RunTakenOver extends Error {}

/**
 * Writes what changed in the run since its last write: its pending events and, `withRows`, its reply with
 * the text so far, its step, and the run itself, which only its holder `owner` may write. Call inside a
 * transaction.
 */
export async function writeActiveRun(tx: Stores, entry: ActiveRun, owner: string, withRows: boolean) {
  const pending = entry.log.unpersisted();
  const { userId, state } = entry;
  const dirty = withRows ? entry.dirty : new Set<RowWrite['table']>();
  const inserted = withRows ? entry.inserted : new Set<RowWrite['table']>();
  if (withRows) {
    entry.dirty = new Set();
    entry.inserted = new Set();
  }
  try {
    if (pending) await tx.events.append(state.run.id, pending.firstId, pending.frames);
    const reply = replyRow(state);
    if (dirty.has('messages') && reply) {
      if (inserted.has('messages')) await tx.messages.insert(userId, reply);
      else await tx.messages.updateReply(userId, reply, estimateTokens(state.text));
    }
    if (dirty.has('run_steps') && state.step) {
      if (inserted.has('run_steps')) await tx.steps.insert(userId, state.step);
      else await tx.steps.update(userId, state.step);
    }
    if (dirty.has('runs') && !inserted.has('runs')) {
      const { run } = state;
      if (!(await tx.runs.write(userId, run, isTerminal(run.status) ? Date.now() : null, owner))) {
        throw new RunTakenOver();
      }
    }
  } catch (error) {
    for (const table of dirty) entry.dirty.add(table);
    for (const table of inserted) entry.inserted.add(table);
    throw error;
  }
  if (pending) entry.log.persisted(pending.firstId + pending.frames.length - 1);
}
