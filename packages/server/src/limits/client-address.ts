import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/**
 * The address a request came from: the TCP peer, or with `trustProxy` the address the reverse proxy in
 * front saw (the last `X-Forwarded-For` entry, the one that proxy added; earlier entries are the client's word).
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  return incoming?.socket.remoteAddress ?? 'unknown';
}
