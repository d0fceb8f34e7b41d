import { ApiError } from '../errors.ts';

/** OpenAI's answer to a request over a limit: 429 `rate_limit_exceeded`, with when to try again. */
export function rateLimited(message: string, retryAfterMs: number, type: 'requests' | 'tokens' = 'requests') {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new ApiError(429, `${message} Try again in ${seconds} s.`, {
    type,
    code: 'rate_limit_exceeded',
    headers: { 'retry-after': String(seconds) },
  });
}
