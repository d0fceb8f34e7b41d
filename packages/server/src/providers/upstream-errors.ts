import type { StreamErrorCode, StreamPart } from './model-provider.ts';

export type ErrorPart = Extract<StreamPart, { type: 'error' }>;

/** What the app's users read; upstream wording and hosts stay in `detail`, which only the server log sees. */
export const userMessages = {
  busy: 'The model is busy right now; please try again in a moment.',
  unreachable: 'The model server could not be reached.',
  failing: 'The model server ran into a problem; please try again in a moment.',
  keyRefused:
    "The model server refused this gateway's API key; the gateway's administrator needs to check it.",
  rejected: 'The model could not accept this request.',
  unknownModel: 'The model server does not offer the model this assistant uses.',
  tooLong: 'This conversation is too long for the model.',
  unexpected: 'The model server gave an answer the gateway did not expect.',
  noAnswer: 'The model server did not answer in time.',
  stoppedMidway: 'The model stopped answering midway.',
  unreadable: 'The model server sent a reply the gateway could not read.',
  failedMidway: 'The model server failed while writing the reply.',
  localModelUnavailable:
    "The gateway's local model could not be loaded; the gateway's administrator needs to check its log.",
} as const;

/** Why an attempt got no stream, and whether asking again could help. */
export interface AttemptFailure {
  part: ErrorPart;
  retryable: boolean;
  retryAfter?: string | undefined;
}

// Connection errors that a moment's wait can cure: a server restarting, a pooled connection it closed.
const transientConnectionErrors = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EAI_AGAIN']);

export function connectionFailure(code: string | undefined, detail: string): AttemptFailure {
  return {
    part: errorPart('server_error', 'unreachable', detail),
    retryable: code !== undefined && transientConnectionErrors.has(code),
  };
}

export function statusFailure(
  status: number,
  detail: string,
  retryAfter: string | undefined,
): AttemptFailure {
  const fullDetail = `HTTP ${status}: ${detail}`;
  if (status === 429) {
    return { part: errorPart('rate_limit_exceeded', 'busy', fullDetail), retryable: true, retryAfter };
  }
  if (status >= 500) {
    return { part: errorPart('server_error', 'failing', fullDetail), retryable: true, retryAfter };
  }
  return { part: errorPart(...codeAndMessageForRejection(status), fullDetail), retryable: false };
}

function codeAndMessageForRejection(status: number): [StreamErrorCode, keyof typeof userMessages] {
  switch (status) {
    case 400:
    case 422:
      return ['invalid_prompt', 'rejected'];
    case 404:
      return ['invalid_prompt', 'unknownModel'];
    case 413:
      return ['invalid_prompt', 'tooLong'];
    case 401:
    case 403:
      return ['server_error', 'keyRefused'];
    default:
      return ['server_error', 'unexpected'];
  }
}

export function errorPart(
  code: StreamErrorCode,
  message: keyof typeof userMessages,
  detail: string,
): ErrorPart {
  return { type: 'error', code, message: userMessages[message], detail };
}
