import { HaruApiError, HaruConnectionError, type Run } from '@haru/client';
import type { Strings } from '@/i18n/strings';

export type ProblemKind = 'offline' | 'unreachable' | 'rate-limited' | 'other';

export interface Problem {
  kind: ProblemKind;
  message: string;
}

/** What went wrong, in words a person can act on. */
export function describeProblem(error: unknown, run: Run | undefined, strings: Strings): Problem {
  if (globalThis.navigator?.onLine === false) return { kind: 'offline', message: strings.errorOffline };
  const rateLimited =
    (error instanceof HaruApiError && error.status === 429) ||
    run?.last_error?.code === 'rate_limit_exceeded';
  if (rateLimited) return { kind: 'rate-limited', message: strings.errorRateLimited };
  if (error instanceof HaruConnectionError) return { kind: 'unreachable', message: strings.errorUnreachable };
  const detail = error instanceof Error ? error.message : run?.last_error?.message;
  return { kind: 'other', message: detail ? `${strings.errorGeneric}: ${detail}` : strings.errorGeneric };
}
