import { setTimeout as sleep } from 'node:timers/promises';
import type { AttemptFailure } from './upstream-errors.ts';

export interface RetryPolicy {
  /** No attempt starts later than this after the first one. */
  maxTotalMs: number;
  /** The first wait; each later one doubles, and jitter takes up to half of it off. */
  baseDelayMs: number;
}

export const defaultRetryPolicy = { maxTotalMs: 20_000, baseDelayMs: 500 } satisfies RetryPolicy;

export interface FailedAttempt {
  /** 1 for the first attempt. */
  attempt: number;
  /** Since the first attempt started. */
  elapsedMs: number;
  /** The upstream's `Retry-After` header, if it sent one. */
  retryAfter: string | undefined;
}

/**
 * How long to wait before trying again, or undefined to give up: when the time is spent, or when the
 * upstream asks for a longer wait than is left. The last wait is cut short so one attempt lands at the end.
 */
export function retryDelay(
  policy: RetryPolicy,
  failed: FailedAttempt,
  now = Date.now(),
  random = Math.random,
): number | undefined {
  const remaining = policy.maxTotalMs - failed.elapsedMs;
  if (remaining <= 0) return undefined;
  const asked = retryAfterMs(failed.retryAfter, now);
  if (asked !== undefined && asked > remaining) return undefined;
  // Jitter keeps gateways that failed together from retrying in step.
  const backoff = policy.baseDelayMs * 2 ** (failed.attempt - 1) * (1 - random() / 2);
  return Math.min(Math.max(backoff, asked ?? 0), remaining);
}

/**
 * What follows a failed attempt: after the backoff, `retry`; `final` when the failure is to be reported
 * instead; `cancelled` when the request was cancelled meanwhile (nothing to report).
 */
export async function afterFailedAttempt(
  policy: RetryPolicy,
  failure: AttemptFailure,
  attempt: { number: number; startedAt: number; signal: AbortSignal },
): Promise<'retry' | 'final' | 'cancelled'> {
  const elapsedMs = performance.now() - attempt.startedAt;
  const delay = failure.retryable
    ? retryDelay(policy, { attempt: attempt.number, elapsedMs, retryAfter: failure.retryAfter })
    : undefined;
  // A request cancelled while its answer came back has nothing to report.
  if (delay === undefined) return attempt.signal.aborted ? 'cancelled' : 'final';
  const cancelled = await sleep(delay, false, { signal: attempt.signal }).catch(() => true);
  return cancelled ? 'cancelled' : 'retry';
}

/** `Retry-After` in milliseconds: delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now = Date.now()): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP date names its weekday and month; this keeps Date.parse from reading "-5" as a year.
  if (!/[a-z]/i.test(value)) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
