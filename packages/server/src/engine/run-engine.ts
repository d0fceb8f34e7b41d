import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { ApiError, badRequest } from '../errors.ts';
import { newId, nowSeconds } from '../ids.ts';
import type { GenerateRequest, ModelProvider, StreamPart } from '../providers/model-provider.ts';
import { countTokensLikeOpenAI } from '../providers/openai-tokenizer.ts';
import { estimateTokens } from '../providers/token-estimate.ts';
import type {
  FunctionTool as FunctionToolDefinition,
  Metadata,
  ResponseFormat,
  Usage,
} from '../schemas/common.ts';
import type { Run } from '../schemas/run.ts';
import type { Thread } from '../schemas/thread.ts';
import type { Database } from '../storage/database.ts';
import { inTransaction, type Stores, storesFor } from '../storage/stores.ts';
import {
  type ActiveRun,
  keepSuperseded,
  newActiveRun,
  RunTakenOver,
  type StopReason,
  writeActiveRun,
} from './active-run.ts';
import { type PromptPlan, planPrompt, planPromptAtOnce } from './prompt.ts';
import { createRunAdmission, type Release, type RunAdmission } from './run-admission.ts';
import { runErrors } from './run-errors.ts';
import { createRunEventLog } from './run-event-log.ts';
import {
  isTerminal,
  needsEmptyReplyIds,
  needsReplyIds,
  needsToolStepId,
  queued,
  type RunInput,
  storedState,
  type ToolOutput,
  type Transition,
  transition,
} from './run-state.ts';
import { createRunUpkeep } from './run-upkeep.ts';
import { closeStoredRun, loadRunState } from './stored-run.ts';
import { storedRunEvents } from './stored-run-events.ts';
import { splitAtCharacterBoundary } from './text-boundary.ts';
import { createThreadMessageCache } from './thread-message-cache.ts';

export interface RunEngineOptions {
  db: Database;
  provider: ModelProvider;
  logger: Logger;
  /** A run still generating after this long expires, as OpenAI's runs do after ten minutes. */
  maxRunMs?: number;
  /** Events are written at least this often (and at every status change, and every `flushBytes`). */
  flushMs?: number;
  flushBytes?: number;
  /** How long this instance's hold on its runs lasts without renewal. */
  leaseMs?: number;
  /**
   * This instance's name on the runs it holds. Stable across restarts (host and port by default), so
   * a restarted gateway closes what its killed process left at once instead of waiting out the lease.
   */
  instanceId?: string;
  /** Where the engine's timers come from, so tests can drive time. */
  timers?: Timers;
  /** How many runs may generate at once; the rest wait as `queued`. Unlimited by default. */
  admission?: RunAdmission;
}

/** A reply whose model call has begun: the prompt it was planned from, and the call's parts. */
interface OpenedReply {
  plan: PromptPlan;
  parts: AsyncIterator<StreamPart>;
  /** The first part, asked for as the call began. */
  first: Promise<IteratorResult<StreamPart>>;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const defaults = {
  maxRunMs: 10 * 60 * 1000,
  flushMs: 250,
  flushBytes: 4096,
  leaseMs: 30_000,
} satisfies Partial<RunEngineOptions>;

const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Runs generate in the background, each fed through the run state machine: its events go to any number
 * of readers and, in batches, to the database with the rows they change, so a stream can be resumed
 * from any event and a crash loses at most the last `flushMs` of text.
 */
export function createRunEngine(options: RunEngineOptions) {
  const { db, provider, logger } = options;
  const { maxRunMs, flushMs, flushBytes, leaseMs } = { ...defaults, ...definedOnly(options) };
  const timers = options.timers ?? realTimers;
  const instanceId = options.instanceId ?? `engine_${randomUUID()}`;
  const admission = options.admission ?? createRunAdmission(Number.POSITIVE_INFINITY);
  const stores = storesFor(db);
  const active = new Map<string, ActiveRun>();
  const threadMessages = createThreadMessageCache();
  let accepting = true;
  /** Runs past the `accepting` check and not yet running: shutdown waits for them to start, then stops them. */
  const starting = new Set<Promise<unknown>>();
  const whileStarting = <T>(start: Promise<T>): Promise<T> => {
    starting.add(start);
    const done = () => starting.delete(start);
    start.then(done, done);
    return start;
  };

  const loadFrames = (runId: string) => (afterId: number) => stores.events.after(runId, afterId);

  /**
   * Creates a run and starts it: `prepare` checks the request and adds what the run needs (a thread,
   * messages) in the same transaction that stores the run and its first events.
   */
  function begin(userId: string, prepare: (tx: Stores) => Promise<{ run: Run; thread?: Thread }>) {
    if (!accepting) return Promise.reject(restarting());
    return whileStarting(storeAndStart(userId, prepare));
  }

  async function storeAndStart(
    userId: string,
    prepare: (tx: Stores) => Promise<{ run: Run; thread?: Thread }>,
  ) {
    let entry: ActiveRun | undefined;
    let created: { run: Run; thread?: Thread } | undefined;
    let early: OpenedReply | undefined;
    // Without a free slot the run is stored `queued` and starts when its turn comes.
    const slot = admission.tryAdmit();
    try {
      const written = await inTransaction(db, async (tx) => {
        created = await prepare(tx);
        const first = queued(created.run);
        const log = createRunEventLog(loadFrames(created.run.id));
        // No reader sees the log before this transaction commits, so nothing here needs holding back.
        if (created.thread) log.push('thread.created', created.thread);
        for (const [name, data] of first.events) log.push(name, data);
        entry = newActiveRun(userId, first.state, log);
        // Stored below in this transaction, so no separate write is scheduled.
        if (slot) step(entry, startInput(entry.state.run));
        await tx.runs.insertHeld(userId, entry.state.run, instanceId, Date.now() + leaseMs);
        entry.inserted.add('runs');
        const { upTo } = await writeActiveRun(tx, entry, instanceId, true);
        // Known as running here before it is committed, so upkeep never takes it for abandoned.
        active.set(created.run.id, entry);
        // The model takes longer to answer than the commit: it is asked first. Its parts are read
        // only once the run is stored.
        if (slot) early = await callBeforeCommit(tx, entry);
        return upTo;
      });
      entry?.log.persisted(written);
    } catch (error) {
      slot?.();
      if (early) {
        entry?.abort.abort();
        void early.parts.return?.();
      }
      if (created) {
        active.delete(created.run.id);
        // It may hold messages this rolled-back transaction added.
        threadMessages.forget(created.run.thread_id);
      }
      throw activeRunConflict(error, created?.run.thread_id) ?? error;
    }
    if (!entry || !created) throw new Error('the run was not prepared');
    generate(entry, maxRunMs, slot, early);
    return { run: created.run, thread: created.thread };
  }

  /**
   * Goes on with a run waiting for function outputs, held by this or any instance: the outputs are
   * stored with the run's next status in one conditional write, then the model continues. `check` may
   * refuse first, in the same transaction. Returns the run and the id of its last event before the
   * outputs, where the rest of its stream starts.
   */
  function submitToolOutputs(
    userId: string,
    run: Run,
    outputs: ToolOutput[],
    check?: (tx: Stores) => Promise<void>,
  ) {
    if (!accepting) return Promise.reject(restarting());
    return whileStarting(storeOutputsAndContinue(userId, run, outputs, check));
  }

  async function storeOutputsAndContinue(
    userId: string,
    run: Run,
    outputs: ToolOutput[],
    check?: (tx: Stores) => Promise<void>,
  ) {
    let entry: ActiveRun | undefined;
    let storedUpTo = 0;
    const slot = admission.tryAdmit();
    const written = await inTransaction(db, async (tx) => {
      await check?.(tx);
      const state = await loadRunState(tx, userId, run);
      storedUpTo = await tx.events.lastId(run.id);
      entry = newActiveRun(userId, state, createRunEventLog(loadFrames(run.id), storedUpTo));
      const submitted = transition(state, { type: 'submit-tool-outputs', at: nowSeconds(), outputs });
      if (!submitted.ok) throw badRequest(submitted.reason);
      record(entry, submitted);
      if (slot) step(entry, startInput(entry.state.run));
      const taken = await tx.runs.takeWaiting(userId, entry.state.run, instanceId, Date.now() + leaseMs);
      if (!taken) throw badRequest(`Run ${run.id} is no longer waiting for tool outputs.`);
      entry.dirty.delete('runs');
      const { upTo } = await writeActiveRun(tx, entry, instanceId, true);
      active.set(run.id, entry);
      return upTo;
    }).catch((error: unknown) => {
      slot?.();
      if (entry && active.get(run.id) === entry) active.delete(run.id);
      throw error;
    });
    if (!entry) throw new Error('the run was not continued');
    entry.log.persisted(written);
    const left = ((entry.state.run.expires_at ?? 0) - nowSeconds()) * 1000;
    generate(entry, Math.max(0, Math.min(maxRunMs, left)), slot);
    return { run: entry.state.run, storedUpTo };
  }

  /**
   * Generates the entry's run in the background, for at most `forMs`, until it ends or waits for outputs;
   * without a `slot` it first waits its turn for one.
   */
  function generate(entry: ActiveRun, forMs: number, slot: Release | undefined, early?: OpenedReply) {
    const { run } = entry.state;
    const expiry = timers.setTimeout(() => stop(entry, 'expire'), forMs);
    entry.settled = (slot ? Promise.resolve(slot) : admission.admit(entry.userId, entry.abort.signal))
      .then(async (release) => {
        try {
          if (!slot && !entry.stopReason) apply(entry, startInput(entry.state.run));
          await execute(entry, early);
        } finally {
          release();
        }
      })
      .catch((error: unknown) => {
        logger.error({ err: error, runId: run.id }, 'run engine error');
        end(entry, { type: 'fail', at: nowSeconds(), error: runErrors.engine });
      })
      .then(() => finishEntry(entry))
      .finally(() => {
        timers.clearTimeout(expiry);
        active.delete(run.id);
      });
  }

  /** The backend answering the run's model, named in its replies and the log. */
  const backendOf = (run: Run) => provider.backendName?.(run.model) ?? provider.name;

  const startInput = (run: Run): RunInput => ({
    type: 'start',
    at: nowSeconds(),
    generatedBy: backendOf(run),
  });

  /** Feeds one input through the state machine; its events go out at once, its rows with the next write. */
  function apply(entry: ActiveRun, input: RunInput): boolean {
    const result = step(entry, input);
    if (result === 'refused') return false;
    if (result === 'status-changed' || result === 'opened') {
      void flush(entry);
      return true;
    }
    // A fast model fills batches quickly: its events go out at once, the reply's text with the timer.
    if (entry.log.bytesPending() >= flushBytes && !entry.eventsWriteQueued) {
      entry.eventsWriteQueued = true;
      void flush(entry, 'events');
    }
    entry.flushTimer ??= timers.setTimeout(() => void flush(entry), flushMs);
    return true;
  }

  function step(entry: ActiveRun, input: RunInput): 'refused' | ReturnType<typeof record> {
    const result = transition(entry.state, input);
    if (!result.ok) {
      logger.debug({ runId: entry.state.run.id, reason: result.reason }, 'run input refused');
      return 'refused';
    }
    return record(entry, result);
  }

  /** Takes a transition's state, events and rows into the entry. */
  function record(
    entry: ActiveRun,
    result: Extract<Transition, { ok: true }>,
  ): 'status-changed' | 'opened' | 'changed' {
    keepSuperseded(entry, result.state);
    entry.state = result.state;
    const statusChanged = result.writes.some((write) => write.table === 'runs');
    // A new reply or step is stored at once, though its first words are not held for it: a reader may
    // look it up a moment after seeing it, and the first token should not wait for a commit.
    const opened = result.writes.some((write) => write.op === 'insert');
    for (const [index, [name, data]] of result.events.entries()) {
      entry.log.push(name, data, statusChanged && index === 0);
    }
    for (const write of result.writes) {
      entry.dirty.add(write.table);
      if (write.op === 'insert') entry.inserted.add(write.table);
    }
    return statusChanged ? 'status-changed' : opened ? 'opened' : 'changed';
  }

  /**
   * Writes the entry's pending events and changed rows; writes of one run happen one after another.
   * Resolves to whether it was stored; what a failed write took is written with the next.
   */
  function flush(entry: ActiveRun, scope: 'everything' | 'events' = 'everything'): Promise<boolean> {
    if (scope === 'everything' && entry.flushTimer !== undefined) {
      timers.clearTimeout(entry.flushTimer);
      entry.flushTimer = undefined;
    }
    entry.writing = entry.writing.then(async () => {
      // This write takes whatever events are pending, so a later size-triggered write may be queued again.
      entry.eventsWriteQueued = false;
      if (!entry.log.unpersisted() && entry.dirty.size === 0) return true;
      if (entry.takenOver) return true;
      let giveBack: (() => void) | undefined;
      try {
        // Decided when the write runs, with the events it takes: a status change's events are shown
        // only once the run's row says so too.
        const written = await inTransaction(db, async (tx) => {
          const write = await writeActiveRun(
            tx,
            entry,
            instanceId,
            scope === 'everything' || entry.dirty.has('runs'),
          );
          giveBack = write.giveBack;
          return write.upTo;
        });
        entry.log.persisted(written);
        return true;
      } catch (error) {
        if (error instanceof RunTakenOver) {
          // Another instance judged this one gone and closed the run; its end stands.
          logger.warn(
            { runId: entry.state.run.id },
            'run closed elsewhere while generating here; stopping it',
          );
          entry.takenOver = true;
          entry.abort.abort();
          return true;
        }
        // Its statements ran but the transaction did not commit (another work of its batch failed it).
        giveBack?.();
        // Kept in memory and written with the next flush; the stream itself is unaffected.
        logger.error({ err: error, runId: entry.state.run.id }, 'could not store run events');
        return false;
      }
    });
    return entry.writing;
  }

  function stop(entry: ActiveRun, reason: StopReason) {
    if (entry.stopReason || isTerminal(entry.state.run.status)) return;
    entry.stopReason = reason;
    if (reason === 'cancel') apply(entry, { type: 'cancel' });
    entry.abort.abort();
  }

  const promptOptions = (entry: ActiveRun) => {
    const { model } = entry.state.run;
    return {
      continuing: entry.state.toolStep !== undefined,
      contextWindow: provider.contextWindow?.(model),
      countTokens: async (text: string) =>
        (await provider.countTokens?.(model, text)) ?? countTokensLikeOpenAI(text),
      cache: threadMessages,
    };
  };

  /**
   * Plans the prompt in the transaction storing the run and calls the model, when planning takes no
   * more than this turn of the event loop (a long thread is planned after the commit instead).
   */
  async function callBeforeCommit(tx: Stores, entry: ActiveRun): Promise<OpenedReply | undefined> {
    const plan = await planPromptAtOnce(tx, entry.userId, entry.state.run, promptOptions(entry));
    if (!plan?.fits) return undefined;
    const reply = openReply(entry, plan);
    // The request's bytes are written on the next tick: let that come before the rest of the batch and
    // its commit, or the call would leave only after them.
    await new Promise((resolve) => process.nextTick(resolve));
    return reply;
  }

  function openReply(entry: ActiveRun, plan: PromptPlan): OpenedReply {
    const { run } = entry.state;
    const parts = provider
      .stream({
        model: run.model,
        messages: plan.messages,
        temperature: run.temperature ?? undefined,
        topP: run.top_p ?? undefined,
        maxTokens: run.max_completion_tokens ?? undefined,
        reasoningEffort: run.reasoning_effort ?? undefined,
        responseFormat: structuredFormat(run.response_format),
        ...toolsFor(run),
        signal: entry.abort.signal,
      })
      [Symbol.asyncIterator]();
    const first = parts.next();
    // Awaited once the run is stored; a call that fails before then is not an unhandled rejection.
    first.catch(() => undefined);
    return { plan, parts, first };
  }

  async function execute(entry: ActiveRun, early?: OpenedReply) {
    const plan =
      early?.plan ?? (await planPrompt(stores, entry.userId, entry.state.run, promptOptions(entry)));
    if (entry.stopReason) {
      void early?.parts.return?.();
      return endStopped(entry, plan);
    }
    if (!plan.fits) {
      end(entry, { type: 'prompt-too-long', at: nowSeconds(), usage: usageOf(plan, undefined, '') });
      return;
    }
    const { run } = entry.state;
    let reply = early;
    let carry = '';
    let outcome: RunInput | undefined;
    const writeText = (value: string) => {
      if (!value) return;
      const ids = needsReplyIds(entry.state) ? { stepId: newId('step'), messageId: newId('msg') } : undefined;
      apply(entry, { type: 'text', at: nowSeconds(), value, ids });
    };
    try {
      reply ??= openReply(entry, plan);
      for (let next = await reply.first; !next.done; next = await reply.parts.next()) {
        const part = next.value;
        if (part.type === 'text-delta') {
          const split = splitAtCharacterBoundary(carry + part.text);
          carry = split.carry;
          writeText(split.complete);
        } else if (part.type === 'tool-call-start') {
          writeText(carry);
          carry = '';
          const stepId = needsToolStepId(entry.state) ? newId('step') : undefined;
          apply(entry, { type: 'tool-call', at: nowSeconds(), id: part.id, name: part.name, stepId });
        } else if (part.type === 'tool-call-delta') {
          apply(entry, { type: 'tool-arguments', id: part.id, value: part.argumentsDelta });
        } else if (part.type === 'finish') {
          writeText(carry);
          carry = '';
          const ids = needsEmptyReplyIds(entry.state)
            ? { stepId: newId('step'), messageId: newId('msg') }
            : undefined;
          outcome = {
            type: 'finish',
            at: nowSeconds(),
            reason: part.reason,
            usage: usageOf(plan, part.usage, entry.state.text),
            ids,
          };
        } else {
          logger.warn({ runId: run.id, provider: backendOf(run), code: part.code }, 'model backend error');
          if (part.detail) logger.debug({ runId: run.id, detail: part.detail }, 'model backend error detail');
          outcome = { type: 'fail', at: nowSeconds(), error: { code: part.code, message: part.message } };
          break;
        }
      }
    } catch (error) {
      if (!entry.stopReason) {
        logger.warn({ err: error, runId: run.id, provider: backendOf(run) }, 'model stream threw');
        outcome = { type: 'fail', at: nowSeconds(), error: runErrors.engine };
      }
    } finally {
      // The loop left before the reply ended (an error part, a throw): stop the call too.
      void reply?.parts.return?.();
    }
    writeText(carry);
    if (outcome?.type === 'finish' || !entry.stopReason) {
      end(entry, outcome ?? { type: 'fail', at: nowSeconds(), error: runErrors.stoppedMidway });
      return;
    }
    endStopped(entry, plan);
  }

  function endStopped(entry: ActiveRun, plan: PromptPlan) {
    const at = nowSeconds();
    const usage = usageOf(plan, undefined, entry.state.text);
    if (entry.stopReason === 'cancel') end(entry, { type: 'cancelled', at, usage });
    else if (entry.stopReason === 'expire') end(entry, { type: 'expire', at, usage });
    else end(entry, { type: 'fail', at, error: runErrors.shutdown, usage });
  }

  function end(entry: ActiveRun, input: RunInput) {
    if (!apply(entry, input) && !isSettledFor(entry.state.run.status)) {
      // Whatever the input, the run must end: fail it so its thread accepts new runs.
      apply(entry, { type: 'fail', at: nowSeconds(), error: runErrors.engine });
    }
  }

  async function finishEntry(entry: ActiveRun) {
    entry.log.push('done', '[DONE]');
    // Readers are told the run is over only once its end is stored, if the database lets it be at all.
    for (let attempt = 1; !(await flush(entry)) && attempt < finalWriteAttempts; attempt++);
    entry.log.close();
    const { run } = entry.state;
    logger.info(
      { runId: run.id, provider: backendOf(run), model: run.model, status: run.status, usage: run.usage },
      run.status === 'requires_action' ? 'run waiting for tool outputs' : 'run finished',
    );
  }

  /** Closes a stored run no instance is generating: its partial reply is kept and its stream ends. */
  const closeStored = (userId: string, run: Run, inputs: RunInput[]) =>
    inTransaction(db, (tx) => closeStoredRun(tx, userId, run, inputs));

  const upkeep = createRunUpkeep({
    stores,
    instanceId,
    leaseMs,
    logger,
    local: active,
    stopLocal: (runId) => {
      const entry = active.get(runId);
      if (entry) stop(entry, 'cancel');
    },
    closeStored,
  });

  return {
    begin,
    submitToolOutputs,
    closeAbandoned: upkeep.closeAbandoned,

    /** Starts the background upkeep: lease renewal, cancels from other instances, abandoned runs. */
    startMaintenance: upkeep.start,

    /**
     * Asks a run to stop; its partial reply is kept as `incomplete`. A run this instance is not
     * generating is closed where it is stored, or, when another live instance holds it, marked so
     * that instance stops it. Undefined when the run had already ended.
     */
    async cancel(userId: string, asked: Run): Promise<Run | undefined> {
      const entry = active.get(asked.id);
      if (entry && entry.userId === userId) {
        if (!isSettledFor(entry.state.run.status)) {
          stop(entry, 'cancel');
          return entry.state.run;
        }
        // Its generating is over (it waits for outputs) and only its last write is still landing.
        await entry.settled;
      }
      // The caller's copy may be a moment old: the run may have moved on since it was read.
      const run = (await stores.runs.find(userId, asked.id)) ?? asked;
      if (isTerminal(run.status)) return undefined;
      const holder = await stores.runs.holder(run.id);
      const generatingElsewhere =
        run.status !== 'requires_action' &&
        holder !== undefined &&
        holder.owner !== instanceId &&
        holder.leaseUntil > Date.now();
      if (generatingElsewhere) {
        const cancelling = transition(storedState(run), { type: 'cancel' });
        if (!cancelling.ok) return undefined;
        const marked = await stores.runs.updateIfStatus(userId, cancelling.state.run, [run.status]);
        return marked ? cancelling.state.run : undefined;
      }
      const inputs: RunInput[] = run.status === 'cancelling' ? [] : [{ type: 'cancel' }];
      return closeStored(userId, run, [...inputs, { type: 'cancelled', at: nowSeconds() }]);
    },

    /**
     * A run still waiting for tool outputs past its `expires_at` ends `expired` now, when it is next
     * asked about, rather than at the next upkeep sweep (up to 30 s later). Returns the run as it stands.
     */
    async expireIfDue(userId: string, run: Run): Promise<Run> {
      const at = nowSeconds();
      if (run.status !== 'requires_action' || run.expires_at === null || run.expires_at > at) return run;
      return closeStored(userId, run, [{ type: 'expire', at }]);
    },

    /** The run's stream after event `afterId`: live while it runs here, else from the database. */
    events(userId: string, run: Run, afterId = 0): AsyncIterable<string> {
      const entry = active.get(run.id);
      if (entry && entry.userId === userId) return entry.log.read(afterId);
      return storedRunEvents(loadFrames(run.id), afterId, async () => {
        const stored = await stores.runs.find(userId, run.id);
        return stored !== undefined && !isTerminal(stored.status);
      });
    },

    isRunning: (runId: string) => active.has(runId),

    /**
     * A client stored new metadata on a run, or on a reply, that this instance is generating: the
     * events still to come carry it rather than what the run started with.
     */
    metadataChanged(runId: string, of: 'run' | 'reply', id: string, metadata: Metadata) {
      const entry = active.get(runId);
      if (entry) step(entry, { type: 'metadata', of, id, metadata });
    },

    /** Resolves once the run has finished and been stored (at once if it is not running here). */
    settled: (runId: string): Promise<void> => active.get(runId)?.settled ?? Promise.resolve(),

    /** Resolves once every run in progress has finished and been stored. */
    idle: async () => {
      await Promise.all([...active.values()].map((entry) => entry.settled));
    },

    /**
     * Stops taking runs, lets those in progress finish for `graceMs`, then ends the rest as failed,
     * keeping what they wrote. Every run's last events are stored and sent before this resolves.
     */
    async shutdown(graceMs: number) {
      accepting = false;
      upkeep.stop();
      await Promise.allSettled(starting);
      const everyRun = () => Promise.all([...active.values()].map((entry) => entry.settled));
      let graceTimer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        everyRun(),
        new Promise((resolve) => {
          graceTimer = setTimeout(resolve, graceMs);
        }),
      ]);
      clearTimeout(graceTimer);
      for (const entry of active.values()) stop(entry, 'shutdown');
      await everyRun();
    },
  };
}

export type RunEngine = ReturnType<typeof createRunEngine>;

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** Tries at storing a run's end before it is left to the upkeep to close (as abandoned, once its lease lapses). */
const finalWriteAttempts = 3;

const restarting = () =>
  new ApiError(503, 'Haru is restarting; try again in a few seconds.', { type: 'server_error' });

/** The database refused a second active run on the thread: a race the up-front check could not see. */
function activeRunConflict(error: unknown, threadId: string | undefined): ApiError | undefined {
  const message = error instanceof Error ? error.message : '';
  if (!/UNIQUE constraint failed: runs\.thread_id|runs_one_active_per_thread/.test(message)) return undefined;
  return badRequest(`Thread ${threadId ?? ''} already has an active run.`);
}

function usageOf(
  plan: PromptPlan,
  reported: { promptTokens: number; completionTokens: number } | undefined,
  completion: string,
): Usage {
  const prompt_tokens = reported?.promptTokens ?? plan.estimatedTokens;
  const completion_tokens = reported?.completionTokens ?? (completion ? estimateTokens(completion) : 0);
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}

/** A run between turns waits for outputs; any other end is final. */
const isSettledFor = (status: Run['status']) => isTerminal(status) || status === 'requires_action';

function toolsFor(run: Run): Pick<GenerateRequest, 'tools' | 'toolChoice' | 'parallelToolCalls'> {
  const tools = (run.tools as FunctionToolDefinition[])
    .filter((tool) => tool.type === 'function')
    .map(({ function: { name, description, parameters, strict } }) => ({
      name,
      description,
      parameters,
      strict: strict ?? undefined,
    }));
  if (tools.length === 0) return {};
  const choice = run.tool_choice;
  const toolChoice =
    typeof choice === 'string' ? choice : { type: 'function' as const, name: choice.function.name };
  return { tools, toolChoice, parallelToolCalls: run.parallel_tool_calls };
}

function structuredFormat(format: ResponseFormat): GenerateRequest['responseFormat'] {
  return format === 'auto' || format.type === 'text' ? undefined : format;
}
