/** Gives a generating slot back; calling it again does nothing. */
export type Release = () => void;

interface Waiter {
  admit: (release: Release) => void;
}

/**
 * At most `capacity` runs generate at once across all users. Runs past that wait, and slots go to the
 * waiting users in turn (one run each, round and round), so one user's many runs cannot keep another's
 * waiting behind them.
 */
export function createRunAdmission(capacity: number) {
  let generating = 0;
  /** Waiting runs by user; a user is moved to the back after each turn. */
  const queues = new Map<string, Waiter[]>();
  let waiting = 0;

  const slot = (): Release => {
    generating++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      generating--;
      admitNext();
    };
  };

  function admitNext() {
    while (generating < capacity && waiting > 0) {
      const [userId, queue] = queues.entries().next().value as [string, Waiter[]];
      const waiter = queue.shift() as Waiter;
      waiting--;
      queues.delete(userId);
      if (queue.length > 0) queues.set(userId, queue);
      waiter.admit(slot());
    }
  }

  return {
    /** A slot at once, or undefined when every slot is taken or runs are already waiting for one. */
    tryAdmit(): Release | undefined {
      return generating < capacity && waiting === 0 ? slot() : undefined;
    },

    /** Waits for the user's turn at a slot. When `signal` aborts first, resolves with nothing held. */
    admit(userId: string, signal: AbortSignal): Promise<Release> {
      if (signal.aborted) return Promise.resolve(() => undefined);
      const immediate = this.tryAdmit();
      if (immediate) return Promise.resolve(immediate);
      return new Promise((resolve) => {
        const waiter: Waiter = {
          admit: (release) => {
            signal.removeEventListener('abort', onAbort);
            resolve(release);
          },
        };
        const onAbort = () => {
          const queue = queues.get(userId);
          const index = queue?.indexOf(waiter) ?? -1;
          if (queue && index >= 0) {
            queue.splice(index, 1);
            waiting--;
            if (queue.length === 0) queues.delete(userId);
          }
          resolve(() => undefined);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        const queue = queues.get(userId) ?? [];
        queue.push(waiter);
        queues.set(userId, queue);
        waiting++;
      });
    },

    generating: () => generating,
    waiting: () => waiting,
  };
}

export type RunAdmission = ReturnType<typeof createRunAdmission>;
