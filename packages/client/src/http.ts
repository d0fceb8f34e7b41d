import { HaruApiError, HaruConnectionError, isAbortError } from './errors.ts';

export interface HttpOptions {
  baseURL: string;
  /** The device token; a function lets the app read it from secure storage on each call. */
  token?: string | (() => string | undefined | Promise<string | undefined>);
  fetch?: typeof globalThis.fetch;
}

export interface RequestOptions {
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export type Http = ReturnType<typeof createHttp>;

/** JSON over fetch with the bearer token, turning error answers into typed errors. */
export function createHttp(options: HttpOptions) {
  const base = options.baseURL.replace(/\/+$/, '');
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  const url = (path: string, query: RequestOptions['query'] = {}) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) search.set(key, String(value));
    const text = search.toString();
    return `${base}${path}${text ? `?${text}` : ''}`;
  };

  const headers = async (extra: Record<string, string> = {}) => {
    const token = typeof options.token === 'function' ? await options.token() : options.token;
    return { ...(token && { authorization: `Bearer ${token}` }), ...extra };
  };

  async function send(method: string, path: string, request: RequestOptions): Promise<Response> {
    try {
      return await fetchImpl(url(path, request.query), {
        method,
        headers: await headers({
          ...(request.body !== undefined && { 'content-type': 'application/json' }),
          ...request.headers,
        }),
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: request.signal,
      });
    } catch (error) {
      if (isAbortError(error)) throw error;
      throw new HaruConnectionError(`Could not reach ${base}: ${(error as Error).message}`, { cause: error });
    }
  }

  /**
   * A limit that lifts within a minute (requests per minute, runs at once) is waited out and the call
   * made again: the server started nothing, and creates carry their Idempotency-Key. A longer one (a
   * day's tokens) is the caller's to tell.
   */
  async function request<T>(method: string, path: string, request: RequestOptions = {}): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const response = await send(method, path, request);
      const text = await response.text();
      if (response.ok) return (text ? JSON.parse(text) : undefined) as T;
      const wait = response.status === 429 ? retryAfterMs(response.headers.get('retry-after')) : undefined;
      if (wait === undefined || wait > waitOutLimitsMs || attempt >= rateLimitedAttempts) {
        throw new HaruApiError(response.status, errorBody(text));
      }
      await pause(wait, request.signal);
    }
  }

  return { request, url, headers, fetch: fetchImpl };
}

const waitOutLimitsMs = 60_000;
const rateLimitedAttempts = 4;

/** `Retry-After` in seconds or as an HTTP date, in milliseconds from now. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/** An error answer's body; a proxy's HTML error page becomes its first words as the message. */
export function errorBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {
      error: {
        message:
          text
            .replace(/<[^>]*>/g, ' ')
            .replace(/\s+/g, ' ')
            .trim()
            .slice(0, 200) || undefined,
      },
    };
  }
}
