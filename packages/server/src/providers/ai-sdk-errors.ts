import { APICallError } from '@ai-sdk/provider';
import {
  type AttemptFailure,
  connectionFailure,
  type ErrorPart,
  errorPart,
  statusFailure,
  type userMessages,
} from './upstream-errors.ts';

/** Why `doStream` threw, and whether asking again could help; the wording users see is ours, not the vendor's. */
export function aiSdkFailure(error: unknown): AttemptFailure {
  if (APICallError.isInstance(error)) {
    const detail = `${hostOf(error.url)}: ${error.message}${error.responseBody ? ` ${error.responseBody.slice(0, 500)}` : ''}`;
    if (error.statusCode !== undefined) {
      return statusFailure(error.statusCode, detail, error.responseHeaders?.['retry-after']);
    }
    return connectionFailure(errorCode(error.cause), detail);
  }
  return { part: aiSdkErrorPart(error, 'unexpected'), retryable: false };
}

/** An error part for a failure reported inside the stream or thrown by the vendor's code. */
export function aiSdkErrorPart(error: unknown, message: keyof typeof userMessages): ErrorPart {
  if (APICallError.isInstance(error)) return aiSdkFailure(error).part;
  return errorPart('server_error', message, describe(error));
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  try {
    return JSON.stringify(error).slice(0, 500);
  } catch {
    return String(error);
  }
}

/** fetch hides the socket's error code one or two causes down. */
function errorCode(cause: unknown): string | undefined {
  for (let error = cause, depth = 0; error && depth < 3; depth++) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    error = (error as { cause?: unknown }).cause;
  }
  return undefined;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
