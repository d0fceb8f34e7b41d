import type { Logger } from 'pino';
import { newId, nowSeconds } from '../ids.ts';
import type { GenerateRequest, ModelProvider } from '../providers/model-provider.ts';
import { estimateTokens } from '../providers/token-estimate.ts';
import type { ResponseFormat, Usage } from '../schemas/common.ts';
import { type Message, newAssistantReply } from '../schemas/message.ts';
import type { Run } from '../schemas/run.ts';
import { newMessageCreationStep, type RunStep } from '../schemas/step.ts';
import type { Thread } from '../schemas/thread.ts';
import type { Database } from '../storage/database.ts';
import { inTransaction, storesFor } from '../storage/stores.ts';
import { type PromptPlan, planPrompt } from './prompt.ts';
import { createRunEventLog, type RunEvent, type RunEventLog } from './run-event-log.ts';
import { type FinishedRun, finishRun, type RunOutcome } from './run-outcome.ts';
import { splitAtCharacterBoundary } from './text-boundary.ts';

type StoredParts = { run: Run; step: RunStep; message: Message };

interface ActiveRun {
  userId: string;
  run: Run;
  log: RunEventLog;
  abort: AbortController;
  stopReason: 'cancelled' | 'expired' | undefined;
  /** The step and reply once stored, and the text written so far: what an error must still close. */
  started: StoredParts | undefined;
  text: string;
  settled: Promise<void>;
}

export interface RunEngineOptions {
  db: Database;
  provider: ModelProvider;
  logger: Logger;
  /** A run still generating after this long expires, as OpenAI's runs do after ten minutes. */
  maxRunMs?: number;
}

const tenMinutes = 10 * 60 * 1000;

/**
 * Executes queued runs in the background: one model stream per run, its events kept in order for any
 * number of listeners, and the run, step and message written once as it starts and once as it ends.
 */
export function createRunEngine({ db, provider, logger, maxRunMs = tenMinutes }: RunEngineOptions) {
  const active = new Map<string, ActiveRun>();

  function start(userId: string, run: Run, options: { announceThread?: Thread } = {}) {
    const log = createRunEventLog();
    const entry: ActiveRun = {
      userId,
      run,
      log,
      abort: new AbortController(),
      stopReason: undefined,
      started: undefined,
      text: '',
      settled: Promise.resolve(),
    };
    active.set(run.id, entry);
    if (options.announceThread) log.push('thread.created', options.announceThread);
    log.push('thread.run.created', run);
    log.push('thread.run.queued', run);
    const expiry = setTimeout(() => stop(entry, 'expired'), maxRunMs);
    entry.settled = execute(entry)
      .catch((error: unknown) => closeAfterEngineError(entry, error))
      .finally(() => {
        clearTimeout(expiry);
        log.push('done', '[DONE]');
        log.close();
        active.delete(run.id);
      });
    return { events: (afterId?: number): AsyncIterable<RunEvent> => log.read(afterId) };
  }

  function stop(entry: ActiveRun, reason: 'cancelled' | 'expired') {
    if (entry.stopReason) return;
    entry.stopReason = reason;
    entry.abort.abort();
  }

  async function execute(entry: ActiveRun) {
    const { userId } = entry;
    const startedAt = nowSeconds();
    const history = await storesFor(db).messages.allInThread(userId, entry.run.thread_id);
    if (entry.stopReason) return endBeforeStart(entry);

    const message = newAssistantReply(newId('msg'), startedAt, entry.run, provider.name);
    const step = newMessageCreationStep(newId('step'), startedAt, entry.run, message.id);
    const run = await inTransaction(db, async (tx) => {
      const metadata = (await tx.runs.find(userId, entry.run.id))?.metadata ?? entry.run.metadata;
      const inProgress: Run = { ...entry.run, metadata, status: 'in_progress', started_at: startedAt };
      await tx.runs.update(userId, inProgress);
      await tx.steps.insert(userId, step);
      await tx.messages.insert(userId, message);
      return inProgress;
    });
    entry.run = run;
    entry.started = { run, step, message };
    entry.log.push('thread.run.in_progress', run);
    entry.log.push('thread.run.step.created', step);
    entry.log.push('thread.run.step.in_progress', step);
    entry.log.push('thread.message.created', message);
    entry.log.push('thread.message.in_progress', message);

    const plan = planPrompt(run, history);
    const outcome = plan.fits
      ? await generate(entry, message.id, plan)
      : ({ kind: 'prompt-too-long' } as const);
    await finish(entry, outcome, usageOf(outcome, plan, entry.text));
  }

  async function finish(entry: ActiveRun, outcome: RunOutcome, usage: Usage) {
    const started = entry.started as StoredParts;
    const finished = await store(entry.userId, started, (latest) =>
      finishRun(latest, outcome, entry.text, usage, nowSeconds()),
    );
    for (const [event, data] of finished.events) entry.log.push(event, data);
    logger.info(
      {
        runId: started.run.id,
        provider: provider.name,
        model: started.run.model,
        status: finished.run.status,
        usage,
      },
      'run finished',
    );
  }

  /** Writes the finished run, step and message together, keeping metadata a client changed meanwhile. */
  function store(userId: string, parts: StoredParts, finishWith: (latest: StoredParts) => FinishedRun) {
    return inTransaction(db, async (tx) => {
      const storedRun = await tx.runs.find(userId, parts.run.id);
      const storedMessage = await tx.messages.find(userId, parts.message.id);
      const finished = finishWith({
        run: { ...parts.run, metadata: storedRun?.metadata ?? parts.run.metadata },
        step: parts.step,
        message: { ...parts.message, metadata: storedMessage?.metadata ?? parts.message.metadata },
      });
      await tx.messages.update(userId, finished.message);
      await tx.steps.update(userId, finished.step);
      await tx.runs.update(userId, finished.run);
      return finished;
    });
  }

  async function endBeforeStart(entry: ActiveRun) {
    const at = nowSeconds();
    const run: Run =
      entry.stopReason === 'expired'
        ? { ...entry.run, status: 'expired', expires_at: null }
        : { ...entry.run, status: 'cancelled', cancelled_at: at, expires_at: null };
    await storesFor(db).runs.update(entry.userId, run);
    entry.log.push(`thread.run.${run.status}`, run);
  }

  async function generate(entry: ActiveRun, messageId: string, plan: PromptPlan): Promise<RunOutcome> {
    const { run } = entry;
    let carry = '';
    let outcome: RunOutcome = {
      kind: 'failed',
      error: { code: 'server_error', message: 'The model stream ended without finishing the reply.' },
    };
    const pushDelta = (value: string) => {
      entry.text += value;
      entry.log.push('thread.message.delta', {
        id: messageId,
        object: 'thread.message.delta',
        delta: { content: [{ index: 0, type: 'text', text: { value, annotations: [] } }] },
      });
    };

    try {
      const parts = provider.stream({
        model: run.model,
        messages: plan.messages,
        temperature: run.temperature ?? undefined,
        topP: run.top_p ?? undefined,
        maxTokens: run.max_completion_tokens ?? undefined,
        responseFormat: structuredFormat(run.response_format),
        signal: entry.abort.signal,
      });
      for await (const part of parts) {
        if (part.type === 'text-delta') {
          const { complete, carry: rest } = splitAtCharacterBoundary(carry + part.text);
          carry = rest;
          if (complete) pushDelta(complete);
        } else if (part.type === 'finish') {
          outcome = { kind: 'finished', reason: part.reason, usage: part.usage };
        } else {
          logger.warn(
            { runId: run.id, provider: provider.name, code: part.code, detail: part.detail },
            'model backend error',
          );
          outcome = { kind: 'failed', error: { code: part.code, message: part.message } };
          break;
        }
      }
    } catch (error) {
      logger.warn({ err: error, runId: run.id, provider: provider.name }, 'model stream threw');
      outcome = {
        kind: 'failed',
        error: { code: 'server_error', message: 'The model backend failed unexpectedly.' },
      };
    }
    if (carry) pushDelta(carry);
    if (entry.stopReason && outcome.kind !== 'finished') return { kind: entry.stopReason };
    return outcome;
  }

  /** Closes the run, and its step and partial reply if stored, so its thread accepts later runs. */
  async function closeAfterEngineError(entry: ActiveRun, error: unknown) {
    logger.error({ err: error, runId: entry.run.id }, 'run engine error');
    const outcome: RunOutcome = {
      kind: 'failed',
      error: { code: 'server_error', message: 'The gateway failed while running this run.' },
    };
    try {
      if (entry.started) {
        await finish(entry, outcome, usageOf(outcome, undefined, entry.text));
        return;
      }
      const failed: Run = {
        ...entry.run,
        status: 'failed',
        failed_at: nowSeconds(),
        expires_at: null,
        last_error: outcome.error,
      };
      if (await storesFor(db).runs.updateIfActive(entry.userId, failed))
        entry.log.push('thread.run.failed', failed);
    } catch (storeError) {
      logger.error({ err: storeError, runId: entry.run.id }, 'could not close the run after an error');
      entry.log.push('error', { ...outcome.error, param: null, type: 'server_error' });
    }
  }

  return {
    start,

    /** Asks a running run to stop; its partial message is kept as `incomplete`. Undefined if not running here. */
    async cancel(userId: string, runId: string): Promise<Run | undefined> {
      const entry = active.get(runId);
      if (!entry || entry.userId !== userId) return undefined;
      const cancelling: Run = { ...entry.run, status: 'cancelling' };
      if (!entry.stopReason) {
        stop(entry, 'cancelled');
        entry.log.push('thread.run.cancelling', cancelling);
        // Conditional: a run that finished meanwhile keeps its final status.
        await storesFor(db).runs.updateIfActive(userId, cancelling);
      }
      return cancelling;
    },

    isRunning: (runId: string) => active.has(runId),

    /** Resolves once the run has finished and been stored (at once if it is not running here). */
    settled: (runId: string): Promise<void> => active.get(runId)?.settled ?? Promise.resolve(),

    /** Resolves once every run in progress has finished and been stored. */
    idle: async () => {
      await Promise.all([...active.values()].map((entry) => entry.settled));
    },
  };
}

export type RunEngine = ReturnType<typeof createRunEngine>;

function usageOf(outcome: RunOutcome, plan: PromptPlan | undefined, completion: string): Usage {
  const reported = outcome.kind === 'finished' ? outcome.usage : undefined;
  const prompt_tokens = reported?.promptTokens ?? plan?.estimatedTokens ?? 0;
  const completion_tokens = reported?.completionTokens ?? (completion ? estimateTokens(completion) : 0);
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}

function structuredFormat(format: ResponseFormat): GenerateRequest['responseFormat'] {
  return format === 'auto' || format.type === 'text' ? undefined : format;
}
