import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from 'pino';

/** OpenAI's error types; a 429 says which limit was reached, as OpenAI's do: `requests` or `tokens`. */
export type ErrorType = 'invalid_request_error' | 'server_error' | 'requests' | 'tokens';

/** An error a caller can act on, rendered as OpenAI's `{"error": {...}}` body. */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly type: ErrorType;
  readonly param: string | null;
  readonly code: string | null;
  /** Response headers that go with the error, such as a 429's `Retry-After`. */
  readonly headers: Record<string, string>;

  constructor(
    status: ContentfulStatusCode,
    message: string,
    options: {
      type?: ErrorType;
      param?: string | null;
      code?: string | null;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(message);
    this.status = status;
    this.type = options.type ?? 'invalid_request_error';
    this.param = options.param ?? null;
    this.code = options.code ?? null;
    this.headers = options.headers ?? {};
  }

  toBody() {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

export const badRequest = (message: string, param: string | null = null, code: string | null = null) =>
  new ApiError(400, message, { param, code });

export const notFound = (kind: string, id: string) =>
  new ApiError(404, `No ${kind} found with id '${id}'.`, { type: 'invalid_request_error' });

export const unauthorized = (message: string) =>
  new ApiError(401, message, { type: 'invalid_request_error', code: 'invalid_api_key' });

export function handleError(logger: Logger) {
  return (error: Error, c: Context) => {
    if (error instanceof ApiError) return c.json(error.toBody(), error.status, error.headers);
    if (error instanceof HTTPException) {
      const apiError = new ApiError(error.status as ContentfulStatusCode, httpExceptionMessage(error));
      return c.json(apiError.toBody(), apiError.status);
    }
    if (isDeletedMeanwhile(error)) {
      const gone = new ApiError(
        404,
        'What this request writes into (its thread, or its user) was deleted while the request was being handled.',
      );
      return c.json(gone.toBody(), 404);
    }
    logger.error({ err: error, method: c.req.method, path: c.req.path.slice(0, 200) }, 'unhandled error');
    const serverError = new ApiError(500, 'The server had an error while processing your request.', {
      type: 'server_error',
    });
    return c.json(serverError.toBody(), 500);
  };
}

/**
 * A write refused by a foreign key: what it belonged to was deleted after the request found it, by a
 * thread delete or an account erased from another device a moment earlier. SQLite's extended code, or
 * PostgreSQL's SQLSTATE.
 */
function isDeletedMeanwhile(error: Error): boolean {
  const { errcode, code } = error as Error & { errcode?: unknown; code?: unknown };
  return errcode === 787 || code === '23503';
}

function httpExceptionMessage(error: HTTPException): string {
  // Hono's body parsers throw a bare "Malformed JSON in request body"; say what to do about it.
  if (/malformed json/i.test(error.message)) {
    return 'We could not parse the JSON body of your request. Send a valid JSON object with Content-Type: application/json.';
  }
  if (error.status === 415) {
    return 'This endpoint takes a JSON body: send it with Content-Type: application/json.';
  }
  return error.message || 'The request could not be processed.';
}
