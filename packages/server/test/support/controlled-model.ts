import type { ModelProvider, StreamPart } from '../../src/providers/model-provider.ts';

/**
 * A model backend a test speaks for: each call waits for the test to `say` text and `finish`, and
 * ends quietly when the engine aborts it, as a real backend does on cancel.
 */
export function controlledModel() {
  let pending: StreamPart[] = [];
  let wake: (() => void) | undefined;
  let calledResolve: () => void = () => undefined;
  let called = new Promise<void>((resolve) => {
    calledResolve = resolve;
  });
  const push = (part: StreamPart) => {
    pending.push(part);
    wake?.();
  };

  const provider: ModelProvider = {
    name: 'controlled-model',
    async *stream(request) {
      calledResolve();
      while (!request.signal.aborted) {
        const parts = pending;
        pending = [];
        for (const part of parts) {
          yield part;
          if (part.type !== 'text-delta') return;
        }
        if (pending.length > 0) continue;
        await new Promise<void>((resolve) => {
          wake = resolve;
          request.signal.addEventListener('abort', () => resolve(), { once: true });
        });
      }
    },
  };

  return {
    provider,
    /** Resolves once the engine has called the model (since the last `reset`). */
    called: () => called,
    say: (text: string) => push({ type: 'text-delta', text }),
    finish: () => push({ type: 'finish', reason: 'stop', usage: { promptTokens: 5, completionTokens: 3 } }),
    reset() {
      pending = [];
      called = new Promise<void>((resolve) => {
        calledResolve = resolve;
      });
    },
  };
}

/** Timers a test fires by hand: `fire(ms)` runs every callback scheduled with that delay. */
export function manualTimers() {
  const scheduled = new Map<symbol, { callback: () => void; ms: number }>();
  return {
    setTimeout(callback: () => void, ms: number) {
      const handle = Symbol('timer');
      scheduled.set(handle, { callback, ms });
      return handle;
    },
    clearTimeout(handle: unknown) {
      scheduled.delete(handle as symbol);
    },
    fire(ms: number) {
      for (const [handle, timer] of scheduled) {
        if (timer.ms !== ms) continue;
        scheduled.delete(handle);
        timer.callback();
      }
    },
  };
}
