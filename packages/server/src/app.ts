import { OpenAPIHono } from '@hono/zod-openapi';
import { cors } from 'hono/cors';
import { deviceRoutes } from './auth/device-route.ts';
import { requireUser } from './auth/require-user.ts';
import { renderReferencePage } from './docs/reference-page.ts';
import { createRunEngine, type RunEngineOptions } from './engine/run-engine.ts';
import { ApiError, handleError } from './errors.ts';
import type { Logger } from './logger.ts';
import { type ModelCatalog, singleProviderCatalog } from './providers/model-catalog.ts';
import type { ModelProvider } from './providers/model-provider.ts';
import { assistantRoutes } from './routes/assistants.ts';
import { healthRoutes } from './routes/health.ts';
import { idempotentCreates } from './routes/idempotency.ts';
import { limitedBody } from './routes/limited-body.ts';
import { messageRoutes } from './routes/messages.ts';
import { modelRoutes } from './routes/models.ts';
import type { AppEnv, RouteDeps } from './routes/router.ts';
import { runRoutes } from './routes/runs.ts';
import { stepRoutes } from './routes/steps.ts';
import { threadRoutes } from './routes/threads.ts';
import type { Database } from './storage/database.ts';
import { webAppRoutes } from './web/web-app.ts';

export interface AppOptions {
  db: Database;
  provider: ModelProvider;
  /** The models apps may ask for; every name goes to `provider` when absent. */
  models?: ModelCatalog | undefined;
  logger: Logger;
  /** Tuning for the run engine (run lifetime, write batching, timers); defaults suit production. */
  engine?: Omit<RunEngineOptions, 'db' | 'provider' | 'logger'>;
  /** A folder holding the app's web build, served on the same origin. */
  webAppDir?: string | undefined;
}

const maxBodyBytes = 2 * 1024 * 1024;

export function createApp({ db, provider, models, logger, engine: engineOptions, webAppDir }: AppOptions) {
  const engine = createRunEngine({ ...engineOptions, db, provider, logger });
  const deps: RouteDeps = { db, engine, logger, models: models ?? singleProviderCatalog(provider) };
  const app = new OpenAPIHono<AppEnv>();

  app.onError(handleError(logger));
  app.notFound((c) => {
    const error = new ApiError(404, `Unknown request URL: ${c.req.method} ${c.req.path}.`);
    return c.json(error.toBody(), 404);
  });
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    const ms = Math.round(performance.now() - started);
    logger.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms }, 'request');
  });
  // Bearer tokens, not cookies, carry identity, so any origin may call the API.
  app.use('/v1/*', cors({ origin: '*', exposeHeaders: ['openai-poll-after-ms'] }));
  app.use('/auth/*', cors({ origin: '*' }));
  app.use('*', limitedBody(maxBodyBytes));
  app.use('/v1/*', requireUser(db));
  app.use('/v1/*', idempotentCreates(deps));

  app.route('/', healthRoutes(deps));
  app.route('/', deviceRoutes(deps));
  // Before the thread routes, so POST /v1/threads/runs is never read as "modify thread `runs`".
  app.route('/v1', runRoutes(deps));
  app.route('/v1', assistantRoutes(deps));
  app.route('/v1', threadRoutes(deps));
  app.route('/v1', messageRoutes(deps));
  app.route('/v1', stepRoutes(deps));
  app.route('/v1', modelRoutes(deps));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'A device token from POST /auth/device.',
  });
  const openApiConfig = {
    openapi: '3.1.0',
    info: {
      title: 'Haru gateway',
      version: '0.1.0',
      description:
        'The OpenAI Assistants API v2 (assistants, threads, messages, runs, run steps, streamed runs), self-hosted. Point an Assistants app at <this server>/v1.',
    },
  };
  app.doc31('/openapi.json', openApiConfig);
  app.get('/docs', (c) => c.html(renderReferencePage(app.getOpenAPI31Document(openApiConfig) as never)));
  if (webAppDir) app.route('/', webAppRoutes(webAppDir));

  return { app, engine };
}
