import type { StoredFrames } from '../storage/run-event-store.ts';
import type { RunEventName } from './run-state.ts';

/** Persisted events a run keeps in memory anyway, so readers just behind need no database read. */
const keptPersistedFrames = 64;
/**
 * A reader far behind takes the events in chunks of about this many characters: a client that stopped
 * reading holds one chunk, not everything generated since.
 */
const chunkChars = 64 * 1024;

export type LoadFrames = (afterId: number) => Promise<StoredFrames[]>;

/** One Server-Sent Events frame: its id increases by one within the run, so a reader can say where it left off. */
export const sseFrame = (id: number, event: RunEventName, data: unknown) =>
  `id: ${id}\nevent: ${event}\ndata: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;

export const isDoneFrame = (frame: string) => frame.includes('\nevent: done\n');

/** The id a frame carries (`id: N` opens every frame). */
export const frameId = (frame: string) => Number(frame.slice('id: '.length, frame.indexOf('\n')));

/**
 * The frames from event `next` on, up to event `upTo` and about `chunkChars` of them at most (at least
 * one), and the id to read from after them. Ids may jump forward (past events a crashed process sent but
 * never stored): reading goes on at the first stored one after the jump.
 */
export function framesFrom(batches: StoredFrames[], next: number, upTo = Number.POSITIVE_INFINITY) {
  const frames: string[] = [];
  let after = next;
  let size = 0;
  for (const batch of batches) {
    const end = Math.min(batch.frames.length, upTo - batch.firstId + 1);
    for (let index = Math.max(0, after - batch.firstId); index < end; index++) {
      if (size >= chunkChars) return { frames, next: after };
      const frame = batch.frames[index] ?? '';
      frames.push(frame);
      size += frame.length;
      after = batch.firstId + index + 1;
    }
  }
  return { frames, next: after };
}

/**
 * The ordered events of one run while it runs, numbered on from `storedUpTo` (a run that waited for
 * tool outputs goes on after its stored events). Memory holds only the events not yet persisted and a
 * short window after them; a reader that falls further behind is served from the database.
 */
export function createRunEventLog(load: LoadFrames, storedUpTo = 0) {
  let frames: string[] = [];
  /** The id of `frames[0]`. */
  let firstId = storedUpTo + 1;
  let persistedId = storedUpTo;
  let bytesPending = 0;
  let closed = false;
  let wakers: Array<() => void> = [];
  let wakeScheduled = false;
  /**
   * Ids of events that change the run's status and are not persisted yet: readers stop before the first,
   * so a client that sees a status can act on it (submit tool outputs, read the reply) and find it stored.
   */
  let barriers: number[] = [];

  // Readers wake once per turn of the event loop, so events produced together go out in one write.
  const wakeReaders = () => {
    wakeScheduled = false;
    const waiting = wakers;
    wakers = [];
    for (const wake of waiting) wake();
  };
  const scheduleWake = () => {
    if (wakeScheduled) return;
    wakeScheduled = true;
    setImmediate(wakeReaders);
  };

  const lastId = () => firstId + frames.length - 1;
  const visibleUpTo = () => (barriers[0] === undefined ? lastId() : barriers[0] - 1);

  return {
    lastId,
    bytesPending: () => bytesPending,

    /** Adds an event; `untilPersisted` holds it, and every event after it, from readers until it is stored. */
    push(event: RunEventName, data: unknown, untilPersisted = false): number {
      const id = lastId() + 1;
      const frame = sseFrame(id, event, data);
      frames.push(frame);
      if (untilPersisted) barriers.push(id);
      bytesPending += frame.length;
      scheduleWake();
      return id;
    },

    /** The events not yet persisted, oldest first. */
    unpersisted(): StoredFrames | undefined {
      if (persistedId >= lastId()) return undefined;
      return { firstId: persistedId + 1, frames: frames.slice(persistedId + 1 - firstId) };
    },

    /** Events up to `id` are in the database (undefined: a write stored none): memory may let go of them. */
    persisted(id: number | undefined) {
      if (id === undefined) return;
      for (let stored = persistedId + 1; stored <= id; stored++) {
        bytesPending -= frames[stored - firstId]?.length ?? 0;
      }
      persistedId = Math.max(persistedId, id);
      if (barriers[0] !== undefined && barriers[0] <= id) {
        barriers = barriers.filter((barrier) => barrier > id);
        scheduleWake();
      }
      const droppable = persistedId - keptPersistedFrames - firstId + 1;
      if (droppable > keptPersistedFrames) {
        frames = frames.slice(droppable);
        firstId += droppable;
      }
    },

    /** No more events come; readers get every one, stored or not. */
    close() {
      closed = true;
      barriers = [];
      scheduleWake();
    },

    /** The frames after `afterId` as text, a chunk at a time, then each new one as it comes, until the log closes. */
    async *read(afterId = 0): AsyncGenerator<string> {
      let next = afterId + 1;
      while (true) {
        if (next < firstId) {
          const stored = framesFrom(await load(next - 1), next);
          if (stored.next === next) throw new Error(`Events after ${next - 1} are missing.`);
          next = stored.next;
          // The run goes on in this log: a `done` stored before it ended a turn that waited for tool outputs.
          const frames = stored.frames.filter((frame) => !isDoneFrame(frame) || frameId(frame) >= firstId);
          if (frames.length > 0) yield frames.join('');
          continue;
        }
        if (next <= visibleUpTo()) {
          const held = framesFrom([{ firstId, frames }], next, visibleUpTo());
          next = held.next;
          yield held.frames.join('');
          continue;
        }
        if (closed) return;
        await new Promise<void>((resolve) => wakers.push(resolve));
      }
    },
  };
}

export type RunEventLog = ReturnType<typeof createRunEventLog>;
