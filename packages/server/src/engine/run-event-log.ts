export interface RunEvent {
  /** Increases by one within a run, so a reader can say where it left off. */
  id: number;
  event: string;
  data: unknown;
}

/** The ordered events of one run, readable from any point by any number of readers while it runs. */
export function createRunEventLog() {
  const events: RunEvent[] = [];
  const wakers = new Set<() => void>();
  let closed = false;

  const wakeReaders = () => {
    for (const wake of wakers) wake();
    wakers.clear();
  };

  return {
    push(event: string, data: unknown) {
      if (closed) return;
      events.push({ id: events.length + 1, event, data });
      wakeReaders();
    },

    close() {
      closed = true;
      wakeReaders();
    },

    /** Every event after `afterId`, then each new one as it comes, until the log closes. */
    async *read(afterId = 0): AsyncGenerator<RunEvent> {
      let next = afterId;
      while (true) {
        while (next < events.length) yield events[next++] as RunEvent;
        if (closed) return;
        await new Promise<void>((resolve) => wakers.add(resolve));
      }
    },
  };
}

export type RunEventLog = ReturnType<typeof createRunEventLog>;
