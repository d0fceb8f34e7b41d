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

/**
 * An error a server reported inside its stream, after answering 200 but before any of the reply (as
 * OpenRouter, Anthropic and OpenAI do when overloaded): it is judged as the HTTP status it stands for.
 */
export function inStreamFailure(error: unknown, detail: string): AttemptFailure {
  return statusFailure(inStreamErrorStatus(error), `reported in the stream: ${detail}`, undefined);
}

// The error types and codes vendors put in stream errors, by the HTTP status each would have had.
const statusByErrorName = new Map<string, number>([
  ['rate_limit_exceeded', 429],
  ['rate_limit_error', 429],
  ['overloaded_error', 529],
  ['server_error', 500],
  ['api_error', 500],
  ['invalid_request_error', 400],
  ['authentication_error', 401],
  ['permission_error', 403],
  ['not_found_error', 404],
  ['request_too_large', 413],
]);

/** OpenRouter puts the status in `code`; OpenAI and Anthropic name the error; anything else counts as a 500. */
function inStreamErrorStatus(error: unknown): number {
  if (typeof error !== 'object' || error === null) return 500;
  const { status, code, type } = error as Record<string, unknown>;
  for (const value of [status, code]) {
    const number = typeof value === 'string' && /^\d{3}$/.test(value) ? Number(value) : value;
    if (typeof number === 'number' && number >= 400 && number < 600) return number;
  }
  for (const name of [code, type]) {
    const known = typeof name === 'string' ? statusByErrorName.get(name) : undefined;
    if (known !== undefined) return known;
  }
  return 500;
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
