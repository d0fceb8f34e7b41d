import type { FinishReason, StreamErrorCode, TokenUsage } from '../providers/model-provider.ts';
import type { LastError, Usage } from '../schemas/common.ts';
import { type Message, textContent } from '../schemas/message.ts';
import type { Run } from '../schemas/run.ts';
import type { RunStep } from '../schemas/step.ts';

export type RunOutcome =
  | { kind: 'finished'; reason: FinishReason; usage: TokenUsage | undefined }
  | { kind: 'failed'; error: { code: StreamErrorCode; message: string } }
  | { kind: 'prompt-too-long' }
  | { kind: 'cancelled' }
  | { kind: 'expired' };

export interface FinishedRun {
  run: Run;
  step: RunStep;
  message: Message;
  /** The stream events that announce the end, in OpenAI's order. */
  events: Array<[string, unknown]>;
}

/** The terminal state of a run, its step and its message for one outcome. */
export function finishRun(
  parts: { run: Run; step: RunStep; message: Message },
  outcome: RunOutcome,
  text: string,
  usage: Usage,
  endedAt: number,
): FinishedRun {
  const content = text ? textContent(text) : [];
  const lastError: LastError | null = outcome.kind === 'failed' ? outcome.error : null;
  const base = { run: { ...parts.run, usage, expires_at: null }, step: { ...parts.step, usage } };

  if (outcome.kind === 'cancelled') {
    const message = incomplete(parts.message, content, 'run_cancelled', endedAt);
    const step: RunStep = { ...base.step, status: 'cancelled', cancelled_at: endedAt };
    const run: Run = { ...base.run, status: 'cancelled', cancelled_at: endedAt };
    return { run, step, message, events: closing(message, step, run) };
  }
  if (outcome.kind === 'prompt-too-long') {
    const message = incomplete(parts.message, content, 'max_tokens', endedAt);
    const step: RunStep = { ...base.step, status: 'completed', completed_at: endedAt };
    const run: Run = {
      ...base.run,
      status: 'incomplete',
      incomplete_details: { reason: 'max_prompt_tokens' },
    };
    return { run, step, message, events: closing(message, step, run) };
  }
  if (outcome.kind === 'expired') {
    const message = incomplete(parts.message, content, 'run_expired', endedAt);
    const step: RunStep = { ...base.step, status: 'expired', expired_at: endedAt };
    const run: Run = { ...base.run, status: 'expired' };
    return { run, step, message, events: closing(message, step, run) };
  }
  if (outcome.kind === 'failed') {
    const message = incomplete(parts.message, content, 'run_failed', endedAt);
    const step: RunStep = { ...base.step, status: 'failed', failed_at: endedAt, last_error: lastError };
    const run: Run = { ...base.run, status: 'failed', failed_at: endedAt, last_error: lastError };
    return { run, step, message, events: closing(message, step, run) };
  }
  const step: RunStep = { ...base.step, status: 'completed', completed_at: endedAt };
  if (outcome.reason === 'length') {
    const message = incomplete(parts.message, content, 'max_tokens', endedAt);
    const run: Run = {
      ...base.run,
      status: 'incomplete',
      incomplete_details: { reason: 'max_completion_tokens' },
    };
    return { run, step, message, events: closing(message, step, run) };
  }
  const message: Message =
    outcome.reason === 'content-filter'
      ? incomplete(parts.message, content, 'content_filter', endedAt)
      : { ...parts.message, content, status: 'completed', completed_at: endedAt };
  const run: Run = { ...base.run, status: 'completed', completed_at: endedAt };
  return { run, step, message, events: closing(message, step, run) };
}

function incomplete(
  message: Message,
  content: Message['content'],
  reason: NonNullable<Message['incomplete_details']>['reason'],
  at: number,
): Message {
  return { ...message, content, status: 'incomplete', incomplete_at: at, incomplete_details: { reason } };
}

function closing(message: Message, step: RunStep, run: Run): Array<[string, unknown]> {
  return [
    [`thread.message.${message.status}`, message],
    [`thread.run.step.${step.status}`, step],
    [`thread.run.${run.status}`, run],
  ];
}
