import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { ApiError } from '../errors.ts';
import { webAppContentSecurityPolicy } from '../security/security-headers.ts';

const apiPrefixes = ['/v1/', '/auth/', '/admin/', '/docs', '/openapi.json', '/healthz'];

/**
 * Serves the Haru app's web build from `dir` on the gateway's own origin: files as they are, and
 * index.html for any other page so the app's router can show it. Nothing whose path has a segment
 * starting with a dot (`.env`, `.git/`), written plainly or percent-encoded, is ever served.
 */
export function webAppRoutes(dir: string) {
  const root = resolve(dir);
  if (!existsSync(join(root, 'index.html'))) throw new Error(`WEB_APP_DIR ${root} has no index.html`);
  const isApi = (path: string) => apiPrefixes.some((prefix) => path.startsWith(prefix));
  const app = new Hono();
  app.use('*', async (c, next) => {
    if (isApi(c.req.path)) return next();
    if (hasDotSegment(c.req.path)) {
      throw new ApiError(404, `Unknown request URL: ${c.req.method} ${c.req.path.slice(0, 200)}.`);
    }
    await next();
    c.res.headers.set('content-security-policy', webAppContentSecurityPolicy);
  });
  app.use('*', async (c, next) => (isApi(c.req.path) ? next() : serveStatic({ root })(c, next)));
  app.get('*', async (c, next) =>
    isApi(c.req.path) ? next() : serveStatic({ root, path: 'index.html' })(c, next),
  );
  return app;
}

function hasDotSegment(path: string): boolean {
  let decoded = path;
  // Decoded until stable, so `%252e` hides nothing either; undecodable paths are refused outright.
  for (let round = 0; round < 3; round++) {
    try {
      const next = decodeURIComponent(decoded);
      if (next === decoded) break;
      decoded = next;
    } catch {
      return true;
    }
  }
  return decoded.split(/[/\\]/).some((segment) => segment.startsWith('.'));
}
