import { HaruApiError, HaruConnectionError, isAbortError } from '../errors.ts';
import type { Message, Run, RunStep, RunStreamEvent, TextContent } from '../types.ts';
import { idleWatchdog } from './idle-watchdog.ts';
import { parseRunEvent } from './parse-run-event.ts';
import type { RunRecovery } from './run-recovery.ts';
import { emptyRunSnapshot, type RunSnapshot, reduceRunEvent } from './run-snapshot.ts';
import { keepAliveEvent, type SseMessage } from './sse-decoder.ts';

export interface RunStreamListeners {
  event: (event: RunStreamEvent, snapshot: RunSnapshot) => void;
  messageCreated: (message: Message) => void;
  textCreated: (text: TextContent['text'], message: Message) => void;
  textDelta: (delta: { value: string }, snapshot: { value: string }, message: Message) => void;
  messageDone: (message: Message) => void;
  runStepCreated: (step: RunStep) => void;
  runCompleted: (run: Run) => void;
  runFailed: (run: Run) => void;
  /** The run waits for the outputs of `run.required_action`'s calls: answer with `submitToolOutputsStream`. */
  requiresAction: (run: Run) => void;
  error: (error: Error) => void;
  end: (snapshot: RunSnapshot) => void;
}

export interface RunStreamSource {
  threadId: string;
  /** Opens the one request that creates and streams the run; called once, never again. */
  open: (signal: AbortSignal) => AsyncIterable<SseMessage>;
  recovery: RunRecovery;
  cancel: (runId: string) => Promise<unknown>;
  /** How long abort() waits for the server's closing events before closing the connection itself. */
  abortGraceMs?: number;
  /**
   * Silence (no event, no keep-alive) after which the connection counts as dropped, as one does when a
   * phone sleeps or changes network without an error; the run is then followed through `recovery`.
   */
  idleTimeoutMs?: number;
}

export type RunStream = ReturnType<typeof createRunStream>;

/**
 * A streamed run as both an async iterable of events and an emitter. A dropped connection is recovered
 * through `recovery`, so callers see one continuous stream that ends with the run's full reply.
 */
export function createRunStream(source: RunStreamSource) {
  const listeners: { [K in keyof RunStreamListeners]?: Array<RunStreamListeners[K]> } = {};
  const events: RunStreamEvent[] = [];
  const wakers = new Set<() => void>();
  const connection = new AbortController();
  const stalled = new HaruConnectionError('The stream went silent: the connection was probably lost.');
  const following = new AbortController();
  let snapshot = emptyRunSnapshot;
  let failure: Error | undefined;
  let ended = false;
  let cancelRequested = false;
  let cancelSent = false;
  let closed = false;

  const emit = <K extends keyof RunStreamListeners>(name: K, ...args: Parameters<RunStreamListeners[K]>) => {
    for (const listener of listeners[name] ?? []) {
      try {
        (listener as (...a: typeof args) => void)(...args);
      } catch (error) {
        // A listener's bug surfaces as an uncaught error, but never stops the stream or other listeners.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  };
  const wake = () => {
    for (const resolve of wakers) resolve();
    wakers.clear();
  };

  const sendCancel = () => {
    const runId = snapshot.run?.id;
    if (!runId || cancelSent) return;
    cancelSent = true;
    source.cancel(runId).catch((error: unknown) => {
      // Already finished is fine; anything else means the server may not hear us, so stop listening.
      if (!(error instanceof HaruApiError && error.status === 400)) connection.abort();
    });
  };

  function apply(event: RunStreamEvent) {
    const before = snapshot;
    snapshot = reduceRunEvent(snapshot, event);
    events.push(event);
    wake();
    emit('event', event, snapshot);
    announce(before, event);
    if (cancelRequested) sendCancel();
  }

  function announce(before: RunSnapshot, event: RunStreamEvent) {
    if (event.event === 'thread.message.created') emit('messageCreated', event.data);
    if (event.event === 'thread.message.completed' || event.event === 'thread.message.incomplete') {
      emit('messageDone', event.data);
    }
    if (event.event === 'thread.run.step.created') emit('runStepCreated', event.data);
    if (event.event === 'thread.run.completed') emit('runCompleted', event.data);
    if (event.event === 'thread.run.failed') emit('runFailed', event.data);
    if (event.event === 'thread.run.requires_action') emit('requiresAction', event.data);
    if (event.event === 'error') fail(new HaruApiError(500, { error: event.data }));
    if (event.event !== 'thread.message.delta') return;
    const message = snapshot.messages.find((m) => m.id === event.data.id);
    const previous = before.messages.find((m) => m.id === event.data.id);
    if (!message) return;
    for (const part of event.data.delta.content ?? []) {
      const text = (message.content[part.index] as TextContent | undefined)?.text;
      if (part.type !== 'text' || !text) continue;
      if (!previous?.content[part.index]) emit('textCreated', { value: '', annotations: [] }, message);
      emit('textDelta', { value: part.text?.value ?? '' }, { value: text.value }, message);
    }
  }

  function fail(error: Error) {
    if (failure) return;
    failure = error;
    emit('error', error);
  }

  async function drive() {
    try {
      try {
        const watchdog = idleWatchdog(source.idleTimeoutMs ?? 45_000, () => connection.abort(stalled));
        try {
          for await (const message of source.open(connection.signal)) {
            watchdog.reset();
            if (message.event !== keepAliveEvent) apply(parseRunEvent(message));
          }
        } finally {
          watchdog.stop();
        }
        if (!snapshot.done) throw new HaruConnectionError('The stream ended before the run finished.');
      } catch (error) {
        const dropped =
          error instanceof HaruConnectionError ||
          error === stalled ||
          connection.signal.reason === stalled ||
          (isAbortError(error) && cancelRequested);
        if (!dropped || snapshot.done) throw error;
        if (closed) return;
        for await (const event of source.recovery.follow({
          threadId: source.threadId,
          runId: snapshot.run?.id,
          snapshot,
          signal: following.signal,
        })) {
          apply(event);
        }
      }
    } catch (error) {
      if (!closed) fail(error instanceof Error ? error : new Error(String(error)));
    } finally {
      ended = true;
      wake();
      emit('end', snapshot);
    }
  }

  const finished = drive();

  const stream = {
    on<K extends keyof RunStreamListeners>(name: K, listener: RunStreamListeners[K]) {
      const known: Array<RunStreamListeners[K]> = listeners[name] ?? [];
      known.push(listener);
      listeners[name] = known as never;
      return stream;
    },

    off<K extends keyof RunStreamListeners>(name: K, listener: RunStreamListeners[K]) {
      listeners[name] = (listeners[name] ?? []).filter((known) => known !== listener) as never;
      return stream;
    },

    /** Every event from the first, then each new one, until the run ends; throws if the stream failed. */
    async *[Symbol.asyncIterator](): AsyncGenerator<RunStreamEvent> {
      let next = 0;
      while (true) {
        while (next < events.length) yield events[next++] as RunStreamEvent;
        if (ended) {
          if (failure) throw failure;
          return;
        }
        await new Promise<void>((resolve) => wakers.add(resolve));
      }
    },

    /** Cancels the run on the server; the stream ends with its closing events (the reply kept as incomplete). */
    abort() {
      if (cancelRequested) return;
      cancelRequested = true;
      sendCancel();
      // However the server answers (or if it never announced the run), stop waiting after a grace period.
      setTimeout(() => connection.abort(), source.abortGraceMs ?? 3000);
    },

    /** Stops listening here without cancelling the run, which goes on at the server. */
    close() {
      closed = true;
      connection.abort();
      following.abort();
    },

    snapshot: () => snapshot,

    /** Resolves with the final snapshot when the run ends; rejects if it failed to follow it. */
    async done(): Promise<RunSnapshot> {
      await finished;
      if (failure) throw failure;
      return snapshot;
    },

    async finalMessages(): Promise<Message[]> {
      return (await stream.done()).messages;
    },

    async finalRun(): Promise<Run> {
      const { run } = await stream.done();
      if (!run) throw new HaruConnectionError('The stream ended before the server announced the run.');
      return run;
    },
  };
  return stream;
}
