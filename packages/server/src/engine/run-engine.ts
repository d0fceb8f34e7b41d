import type { Logger } from 'pino';
import { newId, nowSeconds } from '../ids.ts';
import type { ModelProvider } from '../providers/model-provider.ts';
import { estimateTokens } from '../providers/token-estimate.ts';
import type { Message } from '../schemas/message.ts';
import type { Run } from '../schemas/run.ts';
import { newMessageCreationStep } from '../schemas/step.ts';
import type { Thread } from '../schemas/thread.ts';
import type { Database } from '../storage/database.ts';
import { inTransaction, storesFor } from '../storage/stores.ts';
import { buildPrompt } from './prompt.ts';
import { createRunEventLog, type RunEvent, type RunEventLog } from './run-event-log.ts';
import { finishRun, type RunOutcome } from './run-outcome.ts';
import { splitAtCharacterBoundary } from './text-boundary.ts';

interface ActiveRun {
  userId: string;
  run: Run;
  log: RunEventLog;
  abort: AbortController;
  cancelRequested: boolean;
  settled: Promise<void>;
}

export interface RunEngineOptions {
  db: Database;
  provider: ModelProvider;
  logger: Logger;
}

/**
 * Executes queued runs in the background: one model stream per run, its events kept in order for any
 * number of listeners, and the run, step and message written once as it starts and once as it ends.
 */
export function createRunEngine({ db, provider, logger }: RunEngineOptions) {
  const active = new Map<string, ActiveRun>();

  function start(userId: string, run: Run, options: { announceThread?: Thread } = {}) {
    const log = createRunEventLog();
    const entry: ActiveRun = {
      userId,
      run,
      log,
      abort: new AbortController(),
      cancelRequested: false,
      settled: Promise.resolve(),
    };
    active.set(run.id, entry);
    if (options.announceThread) log.push('thread.created', options.announceThread);
    log.push('thread.run.created', run);
    log.push('thread.run.queued', run);
    entry.settled = execute(entry)
      .catch((error: unknown) => {
        logger.error({ err: error, runId: run.id }, 'run engine error');
        log.push('error', {
          code: 'server_error',
          message: 'The gateway failed while finishing this run.',
          param: null,
          type: 'server_error',
        });
      })
      .finally(() => {
        log.push('done', '[DONE]');
        log.close();
        active.delete(run.id);
      });
    return { events: (afterId?: number): AsyncIterable<RunEvent> => log.read(afterId) };
  }

  async function execute(entry: ActiveRun) {
    const { userId } = entry;
    const startedAt = nowSeconds();
    const stores = storesFor(db);
    const history = await stores.messages.allInThread(userId, entry.run.thread_id);

    const run: Run = { ...entry.run, status: 'in_progress', started_at: startedAt };
    const message: Message = {
      id: newId('msg'),
      object: 'thread.message',
      created_at: startedAt,
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
    const step = newMessageCreationStep(newId('step'), startedAt, run, message.id);
    await inTransaction(db, async (tx) => {
      await tx.runs.update(userId, run);
      await tx.steps.insert(userId, step);
      await tx.messages.insert(userId, message);
    });
    entry.run = run;
    entry.log.push('thread.run.in_progress', run);
    entry.log.push('thread.run.step.created', step);
    entry.log.push('thread.run.step.in_progress', step);
    entry.log.push('thread.message.created', message);
    entry.log.push('thread.message.in_progress', message);

    const prompt = buildPrompt(run, history);
    const { outcome, text } = entry.cancelRequested
      ? { outcome: { kind: 'cancelled' } as const, text: '' }
      : await generate(entry, message.id, prompt);

    const usage = {
      prompt_tokens:
        outcomeUsage(outcome)?.promptTokens ?? estimateTokens(prompt.map((m) => m.content).join('\n')),
      completion_tokens: outcomeUsage(outcome)?.completionTokens ?? (text ? estimateTokens(text) : 0),
      total_tokens: 0,
    };
    usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
    const finished = finishRun({ run, step, message }, outcome, text, usage, nowSeconds());
    await inTransaction(db, async (tx) => {
      await tx.messages.update(userId, finished.message);
      await tx.steps.update(userId, finished.step);
      await tx.runs.update(userId, finished.run);
    });
    for (const [event, data] of finished.events) entry.log.push(event, data);
    logger.info(
      {
        runId: run.id,
        provider: provider.name,
        model: run.model,
        status: finished.run.status,
        seconds: nowSeconds() - startedAt,
        usage,
      },
      'run finished',
    );
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
    if (entry.cancelRequested && outcome.kind !== 'finished') outcome = { kind: 'cancelled' };
    return { outcome, text };
  }

  return {
    start,

    /** Asks a running run to stop; its partial message is kept as `incomplete`. */
    cancel(runId: string): Run | undefined {
      const entry = active.get(runId);
      if (!entry) return undefined;
      if (!entry.cancelRequested) {
        entry.cancelRequested = true;
        entry.abort.abort();
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

function outcomeUsage(outcome: RunOutcome) {
  return outcome.kind === 'finished' ? outcome.usage : undefined;
}
