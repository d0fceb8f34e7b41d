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

  async function request<T>(method: string, path: string, request: RequestOptions = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetchImpl(url(path, request.query), {
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
    const text = await response.text();
    if (!response.ok) throw new HaruApiError(response.status, errorBody(text));
    return (text ? JSON.parse(text) : undefined) as T;
  }

  return { request, url, headers, fetch: fetchImpl };
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
