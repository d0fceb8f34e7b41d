import type { StreamPart } from './model-provider.ts';

export interface PartSink {
  push(part: StreamPart): void;
  /** Ends the stream after `last`; with no part, it just stops, as when the run is cancelled. */
  close(last?: StreamPart): void;
}

export interface PartQueue extends PartSink {
  /** Every part waiting, after waiting for one if none is; empty once the stream is closed and drained. */
  take(): Promise<StreamPart[]>;
  readonly closed: boolean;
}

/**
 * Pieces of text (or of one call's arguments) that arrive before the reader wakes travel as one part:
 * a backlog then costs one event instead of one per token.
 */
function joinWithLast(waiting: StreamPart[], part: StreamPart): boolean {
  const last = waiting.at(-1);
  if (last?.type === 'text-delta' && part.type === 'text-delta') {
    waiting[waiting.length - 1] = { type: 'text-delta', text: last.text + part.text };
    return true;
  }
  if (last?.type === 'tool-call-delta' && part.type === 'tool-call-delta' && last.id === part.id) {
    const argumentsDelta = last.argumentsDelta + part.argumentsDelta;
    waiting[waiting.length - 1] = { type: 'tool-call-delta', id: part.id, argumentsDelta };
    return true;
  }
  return false;
}

/**
 * Hands parts from the upstream's callbacks to the generator the run engine reads, a batch per wake-up.
 * Nothing is held back for a slow reader: a reply is at most a few hundred kilobytes.
 */
export function createPartQueue(): PartQueue {
  let waiting: StreamPart[] = [];
  let closed = false;
  let wake: (() => void) | undefined;

  function wakeReader() {
    const resume = wake;
    wake = undefined;
    resume?.();
  }

  return {
    push(part) {
      if (closed) return;
      if (!joinWithLast(waiting, part)) waiting.push(part);
      wakeReader();
    },
    close(last) {
      if (closed) return;
      if (last) waiting.push(last);
      closed = true;
      wakeReader();
    },
    async take() {
      if (waiting.length === 0 && !closed) await new Promise<void>((resolve) => (wake = resolve));
      const batch = waiting;
      waiting = [];
      return batch;
    },
    get closed() {
      return closed;
    },
  };
}
