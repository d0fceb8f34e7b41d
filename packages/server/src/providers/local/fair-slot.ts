/** One resource taken by one holder at a time, handed on in the order it was asked for. */
export interface FairSlot {
  /**
   * Resolves with a release function once the slot is this caller's; resolves undefined if `signal`
   * aborts first, which also gives up its place in the line.
   */
  acquire(signal: AbortSignal): Promise<(() => void) | undefined>;
  /** Callers waiting, not counting the holder. */
  readonly waiting: number;
}

export function createFairSlot(): FairSlot {
  const line: Array<() => void> = [];
  let held = false;

  function handOn() {
    const next = line.shift();
    if (next) next();
    else held = false;
  }

  return {
    acquire(signal) {
      if (signal.aborted) return Promise.resolve(undefined);
      return new Promise((resolve) => {
        let released = false;
        const release = () => {
          if (released) return;
          released = true;
          handOn();
        };
        const grant = () => {
          signal.removeEventListener('abort', leave);
          resolve(release);
        };
        const leave = () => {
          const index = line.indexOf(grant);
          if (index !== -1) line.splice(index, 1);
          resolve(undefined);
        };
        if (!held) {
          held = true;
          resolve(release);
          return;
        }
        line.push(grant);
        signal.addEventListener('abort', leave, { once: true });
      });
    },
    get waiting() {
      return line.length;
    },
  };
}
