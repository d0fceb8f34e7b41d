import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';

const apiPrefixes = ['/v1/', '/auth/', '/docs', '/openapi.json', '/healthz'];

/**
 * Serves the Haru app's web build from `dir` on the gateway's own origin: files as they are, and
 * index.html for any other page so the app's router can show it.
 */
export function webAppRoutes(dir: string) {
  const root = resolve(dir);
  if (!existsSync(join(root, 'index.html'))) throw new Error(`WEB_APP_DIR ${root} has no index.html`);
  const isApi = (path: string) => apiPrefixes.some((prefix) => path.startsWith(prefix));
  const app = new Hono();
  app.use('*', async (c, next) => (isApi(c.req.path) ? next() : serveStatic({ root })(c, next)));
  app.get('*', async (c, next) =>
    isApi(c.req.path) ? next() : serveStatic({ root, path: 'index.html' })(c, next),
  );
  return app;
}
