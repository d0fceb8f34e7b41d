import { HaruApiError, HaruConnectionError, type Run } from '@haru/client';
import type { Strings } from '@/i18n/strings';
import { UnreadableDeviceKeyError } from './connect';

/** Every kind of problem the app tells a person about; the last only its own screen finds out. */
export type ProblemKind =
  | 'offline'
  | 'unreachable'
  | 'rate-limited'
  | 'device-key'
  | 'interrupted'
  | 'other'
  | 'link-code-invalid';

export interface Problem {
  kind: ProblemKind;
  message: string;
  /** The server's own words, in English and for developers: never shown to the person. */
  detail?: string;
}

/**
 * What kind of thing went wrong. Keep this, not its words, in state: the words are chosen when shown,
 * in the app's language at that moment.
 */
export function problemKind(error: unknown, run: Run | undefined): ProblemKind {
  if (error instanceof UnreadableDeviceKeyError) return 'device-key';
  if (globalThis.navigator?.onLine === false) return 'offline';
  const rateLimited =
    (error instanceof HaruApiError && error.status === 429) ||
    run?.last_error?.code === 'rate_limit_exceeded';
  if (rateLimited) return 'rate-limited';
  if (error instanceof HaruConnectionError) return 'unreachable';
  // A run that failed at the server (it restarted, the model broke off) kept what it wrote.
  if (!error && run) return 'interrupted';
  return 'other';
}

const problemStrings = {
  'device-key': 'errorDeviceKey',
  offline: 'errorOffline',
  'rate-limited': 'errorRateLimited',
  unreachable: 'errorUnreachable',
  interrupted: 'errorReplyInterrupted',
  other: 'errorGeneric',
  'link-code-invalid': 'linkCodeInvalid',
} as const satisfies Record<ProblemKind, keyof Strings>;

/** A kind of problem in words a person can act on, in the app's language. */
export const problemMessage = (kind: ProblemKind, strings: Strings): string => strings[problemStrings[kind]];

/** What went wrong, in words a person can act on, in the app's language. */
export function describeProblem(error: unknown, run: Run | undefined, strings: Strings): Problem {
  const kind = problemKind(error, run);
  const detail = kind === 'other' && error instanceof HaruApiError ? error.message : undefined;
  return { kind, message: problemMessage(kind, strings), ...(detail && { detail }) };
}
