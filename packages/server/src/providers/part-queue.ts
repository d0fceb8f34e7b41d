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
      waiting.push(part);
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
