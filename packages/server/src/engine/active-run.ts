import { estimateTokens } from '../providers/token-estimate.ts';
import type { Message } from '../schemas/message.ts';
import type { RunStep } from '../schemas/step.ts';
import type { Stores } from '../storage/stores.ts';
import type { RunEventLog } from './run-event-log.ts';
import { isTerminal, type RowTable, type RunState, replyRow } from './run-state.ts';

export type StopReason = 'cancel' | 'expire' | 'shutdown';

export interface ActiveRun {
  userId: string;
  state: RunState;
  log: RunEventLog;
  abort: AbortController;
  stopReason: StopReason | undefined;
  /** Rows changed since the last write. */
  dirty: Set<RowTable>;
  inserted: Set<RowTable>;
  /** Rows the run moved on from (a reply closed before a function call) before they were written. */
  superseded: SupersededRow[];
  flushTimer: unknown;
  /** A write of the pending events is queued and has not taken them yet. */
  eventsWriteQueued: boolean;
  /** Another instance closed the run: nothing more of it is written from here. */
  takenOver: boolean;
  /** The run's writes, one after another; each says whether it was stored. */
  writing: Promise<boolean>;
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
    superseded: [],
    flushTimer: undefined,
    eventsWriteQueued: false,
    takenOver: false,
    writing: Promise.resolve(true),
    settled: Promise.resolve(),
  };
}

export type SupersededRow =
  | { table: 'messages'; insert: boolean; row: Message; text: string }
  | { table: 'message_step' | 'tool_step'; insert: boolean; row: RunStep };

/**
 * Before `next` replaces an object the run has not written yet (a new reply or step in its place), keeps
 * the old one to write first.
 */
export function keepSuperseded(entry: ActiveRun, next: RunState) {
  const { state } = entry;
  const keep = (table: RowTable, before: { id: string } | undefined, after: { id: string } | undefined) =>
    before !== undefined && before.id !== after?.id && entry.dirty.has(table);
  if (keep('messages', state.message, next.message)) {
    const row = replyRow(state) as Message;
    entry.superseded.push({
      table: 'messages',
      insert: entry.inserted.has('messages'),
      row,
      text: state.text,
    });
    entry.dirty.delete('messages');
    entry.inserted.delete('messages');
  }
  for (const [table, before, after] of [
    ['message_step', state.step, next.step],
    ['tool_step', state.toolStep, next.toolStep],
  ] as const) {
    if (!before || !keep(table, before, after)) continue;
    entry.superseded.push({ table, insert: entry.inserted.has(table), row: before });
    entry.dirty.delete(table);
    entry.inserted.delete(table);
  }
}

/** Another instance closed the run as abandoned while this one was still generating it. */
export class RunTakenOver extends Error {}

/**
 * Writes what changed in the run since its last write: its pending events and, `withRows`, its reply with
 * the text so far, its step, and the run itself, which only its holder `owner` may write. Call inside a
 * transaction; returns the id of the last event written, to pass to `log.persisted` once it commits, and
 * `giveBack`, to mark the rows changed again if the transaction does not commit after all.
 */
export async function writeActiveRun(
  tx: Stores,
  entry: ActiveRun,
  owner: string,
  withRows: boolean,
): Promise<{ upTo: number | undefined; giveBack: () => void }> {
  const pending = entry.log.unpersisted();
  const { userId, state } = entry;
  const dirty = withRows ? entry.dirty : new Set<RowTable>();
  const inserted = withRows ? entry.inserted : new Set<RowTable>();
  const superseded = withRows ? entry.superseded : [];
  if (withRows) {
    entry.dirty = new Set();
    entry.inserted = new Set();
    entry.superseded = [];
  }
  try {
    const writesRun = dirty.has('runs') && !inserted.has('runs');
    // The run's own write below is conditional on holding it; without one, holding it is checked first,
    // so a run another instance closed keeps the reply and events that instance left.
    if (!writesRun && !inserted.has('runs') && !(await tx.runs.isHeldBy(userId, state.run.id, owner))) {
      throw new RunTakenOver();
    }
    if (pending) await tx.events.append(state.run.id, pending.firstId, pending.frames);
    for (const old of superseded) {
      if (old.table === 'messages') await writeReply(tx, userId, old.row, old.insert, old.text);
      else if (old.insert) await tx.steps.insert(userId, old.row);
      else await tx.steps.update(userId, old.row);
    }
    const reply = replyRow(state);
    if (dirty.has('messages') && reply)
      await writeReply(tx, userId, reply, inserted.has('messages'), state.text);
    for (const [table, step] of [
      ['message_step', state.step],
      ['tool_step', state.toolStep],
    ] as const) {
      if (!dirty.has(table) || !step) continue;
      if (inserted.has(table)) await tx.steps.insert(userId, step);
      else await tx.steps.update(userId, step);
    }
    if (writesRun) {
      const { run } = state;
      if (!(await tx.runs.write(userId, run, isTerminal(run.status) ? Date.now() : null, owner))) {
        throw new RunTakenOver();
      }
    }
  } catch (error) {
    giveBack();
    throw error;
  }
  return { upTo: pending && pending.firstId + pending.frames.length - 1, giveBack };

  function giveBack() {
    for (const table of dirty) entry.dirty.add(table);
    for (const table of inserted) entry.inserted.add(table);
    entry.superseded.unshift(...superseded);
  }
}

const writeReply = (tx: Stores, userId: string, reply: Message, insert: boolean, text: string) =>
  insert ? tx.messages.insert(userId, reply) : tx.messages.updateReply(userId, reply, estimateTokens(text));
