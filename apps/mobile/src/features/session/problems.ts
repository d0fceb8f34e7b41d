import { HaruApiError, HaruConnectionError, type Run } from '@haru/client';
import type { Strings } from '@/i18n/strings';
import { UnreadableDeviceKeyError } from './connect';

export type ProblemKind = 'offline' | 'unreachable' | 'rate-limited' | 'device-key' | 'interrupted' | 'other';

export interface Problem {
  kind: ProblemKind;
  message: string;
}

/** What went wrong, in words a person can act on, in the app's language. */
export function describeProblem(error: unknown, run: Run | undefined, strings: Strings): Problem {
  if (error instanceof UnreadableDeviceKeyError)
    return { kind: 'device-key', message: strings.errorDeviceKey };
  if (globalThis.navigator?.onLine === false) return { kind: 'offline', message: strings.errorOffline };
  const rateLimited =
    (error instanceof HaruApiError && error.status === 429) ||
    run?.last_error?.code === 'rate_limit_exceeded';
  if (rateLimited) return { kind: 'rate-limited', message: strings.errorRateLimited };
  if (error instanceof HaruConnectionError) return { kind: 'unreachable', message: strings.errorUnreachable };
  // A run that failed at the server (it restarted, the model broke off) kept what it wrote.
  if (!error && run) return { kind: 'interrupted', message: strings.errorReplyInterrupted };
  const detail = error instanceof HaruApiError ? error.message : undefined;
  return { kind: 'other', message: detail ? `${strings.errorGeneric}: ${detail}` : strings.errorGeneric };
}
