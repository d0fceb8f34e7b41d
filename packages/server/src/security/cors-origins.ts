import { cors } from 'hono/cors';

/**
 * Browsers may call the API from the gateway's own origin and from exactly the origins listed in
 * HARU_CORS_ORIGINS; any other page gets no CORS headers, so its browser keeps the answer from it.
 */
export function corsFor(allowed: readonly string[], exposeHeaders: string[] = []) {
  const listed = new Set(allowed);
  return cors({
    origin: (origin, c) => (listed.has(origin) || origin === new URL(c.req.url).origin ? origin : null),
    exposeHeaders: [...exposeHeaders, 'retry-after'],
    maxAge: 600,
  });
}
