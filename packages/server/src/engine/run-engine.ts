import type { Logger } from 'pino';
import { newId, nowSeconds } from '../ids.ts';
import type { ModelProvider } from '../providers/model-provider.ts';
import { estimateTokens } from '../providers/token-estimate.ts';
import type { Usage } from '../schemas/common.ts';
import type { Message } from '../schemas/message.ts';
import type { Run } from '../schemas/run.ts';
import { newMessageCreationStep, type RunStep } from '../schemas/step.ts';
import type { Thread } from '../schemas/thread.ts';
import type { Database } from '../storage/database.ts';
import { inTransaction, storesFor } from '../storage/stores.ts';
import { buildPrompt } from './prompt.ts';
import { createRunEventLog, type RunEvent, type RunEventLog } from './run-event-log.ts';
import { type FinishedRun, finishRun, type RunOutcome } from './run-outcome.ts';
import { splitAtCharacterBoundary } from './text-boundary.ts';

interface ActiveRun {
  userId: string;
  run: Run;
  log: RunEventLog;
  abort: AbortController;
  stopReason: 'cancelled' | 'expired' | undefined;
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
      settled: Promise.resolve(),
    };
    active.set(run.id, entry);
    if (options.announceThread) log.push('thread.created', options.announceThread);
    log.push('thread.run.created', run);
    log.push('thread.run.queued', run);
    const expiry = setTimeout(() => stop(entry, 'expired'), maxRunMs);
    entry.settled = execute(entry)
      .catch((error: unknown) => failAfterEngineError(entry, error))
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

    const message = newReply(entry.run, startedAt);
    const step = newMessageCreationStep(newId('step'), startedAt, entry.run, message.id);
    const run = await inTransaction(db, async (tx) => {
      const metadata = (await tx.runs.find(userId, entry.run.id))?.metadata ?? entry.run.metadata;
      const started: Run = { ...entry.run, metadata, status: 'in_progress', started_at: startedAt };
      await tx.runs.update(userId, started);
      await tx.steps.insert(userId, step);
      await tx.messages.insert(userId, message);
      return started;
    });
    entry.run = run;
    entry.log.push('thread.run.in_progress', run);
    entry.log.push('thread.run.step.created', step);
    entry.log.push('thread.run.step.in_progress', step);
    entry.log.push('thread.message.created', message);
    entry.log.push('thread.message.in_progress', message);

    const prompt = buildPrompt(run, history);
    const { outcome, text } = await generate(entry, message.id, prompt);
    const usage = usageOf(outcome, prompt.map((m) => m.content).join('\n'), text);
    const finished = await store(userId, { run, step, message }, (latest) =>
      finishRun(latest, outcome, text, usage, nowSeconds()),
    );
    for (const [event, data] of finished.events) entry.log.push(event, data);
    logger.info(
      { runId: run.id, provider: provider.name, model: run.model, status: finished.run.status, usage },
      'run finished',
    );
  }

  /** Writes the finished run, step and message together, keeping metadata a client changed meanwhile. */
  function store(
    userId: string,
    parts: { run: Run; step: RunStep; message: Message },
    finish: (parts: { run: Run; step: RunStep; message: Message }) => FinishedRun,
  ) {
    return inTransaction(db, async (tx) => {
      const storedRun = await tx.runs.find(userId, parts.run.id);
      const storedMessage = await tx.messages.find(userId, parts.message.id);
      const finished = finish({
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

  async function generate(entry: ActiveRun, messageId: string, prompt: ReturnType<typeof buildPrompt>) {
    const { run } = entry;
    let text = '';
    let carry = '';
    let outcome: RunOutcome = {
      kind: 'failed',
      error: { code: 'server_error', message: 'The model stream ended without finishing the reply.' },
    };
    const pushDelta = (value: string) =>
      entry.log.push('thread.message.delta', {
        id: messageId,
        object: 'thread.message.delta',
        delta: { content: [{ index: 0, type: 'text', text: { value, annotations: [] } }] },
      });

    try {
      const parts = provider.stream({
        model: run.model,
        messages: prompt,
        temperature: run.temperature ?? undefined,
        topP: run.top_p ?? undefined,
        maxTokens: run.max_completion_tokens ?? undefined,
        responseFormat: typeof run.response_format === 'object' ? run.response_format.type : undefined,
        signal: entry.abort.signal,
      });
      for await (const part of parts) {
        if (part.type === 'text-delta') {
          const { complete, carry: rest } = splitAtCharacterBoundary(carry + part.text);
          carry = rest;
          if (!complete) continue;
          text += complete;
          pushDelta(complete);
        } else if (part.type === 'finish') {
          outcome = { kind: 'finished', reason: part.reason, usage: part.usage };
        } else {
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
    if (carry) {
      text += carry;
      pushDelta(carry);
    }
    if (entry.stopReason && outcome.kind !== 'finished') outcome = { kind: entry.stopReason };
    return { outcome, text };
  }

  /** The run must not stay active in storage, or its thread would refuse every later run. */
  async function failAfterEngineError(entry: ActiveRun, error: unknown) {
    logger.error({ err: error, runId: entry.run.id }, 'run engine error');
    const lastError = {
      code: 'server_error',
      message: 'The gateway failed while running this run.',
    } as const;
    const failed: Run = {
      ...entry.run,
      status: 'failed',
      failed_at: nowSeconds(),
      expires_at: null,
      last_error: lastError,
    };
    await storesFor(db)
      .runs.update(entry.userId, failed)
      .catch((storeError: unknown) =>
        logger.error({ err: storeError, runId: entry.run.id }, 'could not mark run failed'),
      );
    entry.log.push('error', { ...lastError, param: null, type: 'server_error' });
  }

  function newReply(run: Run, createdAt: number): Message {
    return {
      id: newId('msg'),
      object: 'thread.message',
      created_at: createdAt,
      thread_id: run.thread_id,
      status: 'in_progress',
      incomplete_details: null,
      completed_at: null,
      incomplete_at: null,
      role: 'assistant',
      content: [],
      assistant_id: run.assistant_id,
      run_id: run.id,
      attachments: [],
      metadata: { generated_by: provider.name },
    };
  }

  return {
    start,

    /** Asks a running run to stop; its partial message is kept as `incomplete`. */
    cancel(runId: string): Run | undefined {
      const entry = active.get(runId);
      if (!entry) return undefined;
      if (!entry.stopReason) {
        stop(entry, 'cancelled');
        entry.log.push('thread.run.cancelling', { ...entry.run, status: 'cancelling' });
      }
      return { ...entry.run, status: 'cancelling' };
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

function usageOf(outcome: RunOutcome, promptText: string, completion: string): Usage {
  const reported = outcome.kind === 'finished' ? outcome.usage : undefined;
  const prompt_tokens = reported?.promptTokens ?? estimateTokens(promptText);
  const completion_tokens = reported?.completionTokens ?? (completion ? estimateTokens(completion) : 0);
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}
