import { OpenAPIHono } from '@hono/zod-openapi';
import { adminRoutes } from './admin/admin-routes.ts';
import { accountRoutes } from './auth/account-route.ts';
import { deviceRoutes } from './auth/device-route.ts';
import { accountDeviceRoutes } from './auth/devices-route.ts';
import { requireAdmin } from './auth/require-admin.ts';
import { requireUser } from './auth/require-user.ts';
import type { SignupPolicy } from './auth/signup-policy.ts';
import { renderReferencePage } from './docs/reference-page.ts';
import { createRunAdmission } from './engine/run-admission.ts';
import { createRunEngine, type RunEngineOptions } from './engine/run-engine.ts';
import { ApiError, handleError } from './errors.ts';
import { jsonBodyShape } from './limits/json-body-shape.ts';
import { defaultLimits, type Limits } from './limits/limits.ts';
import { perUserRequestRate } from './limits/request-rate.ts';
import { withRunQuota } from './limits/run-quota.ts';
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
import { startStreams } from './routes/run-event-stream.ts';
import { runRoutes } from './routes/runs.ts';
import { stepRoutes } from './routes/steps.ts';
import { threadRoutes } from './routes/threads.ts';
import { corsFor } from './security/cors-origins.ts';
import { noStore, referencePageContentSecurityPolicy, securityHeaders } from './security/security-headers.ts';
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
  /** Who may register; open unless said otherwise (main.ts decides by where the gateway listens). */
  signup?: SignupPolicy;
  /** Authorises /admin/*; without it there is no admin API. */
  adminKey?: string | undefined;
  /** Whether `X-Forwarded-For` names the client (only behind a reverse proxy that sets it). */
  trustProxy?: boolean;
  /** Origins besides the gateway's own whose pages may call the API. */
  corsOrigins?: readonly string[];
  limits?: Partial<Limits>;
}

const maxBodyBytes = 2 * 1024 * 1024;

export function createApp(options: AppOptions) {
  const { db, provider, models, logger, engine: engineOptions, webAppDir } = options;
  const limits: Limits = { ...defaultLimits, ...options.limits };
  const admission = createRunAdmission(limits.generatingRuns);
  const engine = createRunEngine({ admission, ...engineOptions, db, provider, logger });
  const deps: RouteDeps = {
    db,
    engine: withRunQuota(engine, limits),
    logger,
    models: models ?? singleProviderCatalog(provider),
  };
  const app = new OpenAPIHono<AppEnv>();

  app.onError(handleError(logger));
  app.notFound((c) => {
    const error = new ApiError(
      404,
      `Unknown request URL: ${c.req.method} ${c.req.path}.${missingV1(c.req.path)}`,
    );
    return c.json(error.toBody(), 404);
  });
  app.use('*', startStreams);
  app.use('*', async (c, next) => {
    if (!logger.isLevelEnabled('info')) return next();
    const started = performance.now();
    await next();
    const ms = Math.round(performance.now() - started);
    // A path is the client's to choose: a 2 MB one is not copied into the log.
    logger.info(
      { method: c.req.method, path: c.req.path.slice(0, 200), status: c.res.status, ms },
      'request',
    );
  });
  app.use('*', securityHeaders());
  const cors = corsFor(options.corsOrigins ?? [], ['openai-poll-after-ms']);
  app.use('/v1/*', cors);
  app.use('/auth/*', cors);
  for (const path of ['/v1/*', '/auth/*', '/admin/*']) app.use(path, noStore);
  app.use('*', limitedBody(maxBodyBytes));
  app.use('*', jsonBodyShape);
  app.use('/admin/*', requireAdmin(options.adminKey));
  const requestRate = perUserRequestRate(limits.requestsPerMinute);
  for (const path of [
    '/v1/*',
    '/auth/link-code',
    '/auth/devices',
    '/auth/devices/*',
    '/auth/rotate',
    '/auth/account',
  ]) {
    app.use(path, requireUser(db), requestRate);
  }
  app.use('/v1/*', async (c, next) => {
    c.set('streamBufferBytes', limits.streamBufferBytes);
    await next();
  });
  app.use('/v1/*', idempotentCreates(deps));

  app.route('/', healthRoutes(deps));
  app.route(
    '/',
    deviceRoutes(deps, {
      signup: options.signup ?? 'open',
      trustProxy: options.trustProxy ?? false,
      signupsPerHour: limits.signupsPerHour,
    }),
  );
  app.route('/', accountDeviceRoutes(deps));
  app.route('/', accountRoutes(deps));
  app.route('/', adminRoutes(deps));
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
  app.openAPIRegistry.registerComponent('securitySchemes', 'adminKey', {
    type: 'http',
    scheme: 'bearer',
    description: "The gateway's HARU_ADMIN_KEY.",
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
  app.get('/docs', (c) => {
    c.header('content-security-policy', referencePageContentSecurityPolicy);
    return c.html(renderReferencePage(app.getOpenAPI31Document(openApiConfig) as never));
  });
  if (webAppDir) app.route('/', webAppRoutes(webAppDir));

  return { app, engine };
}

/** The Assistants API lives under /v1: an SDK given the server's bare address is told so. */
function missingV1(path: string): string {
  const resource = path.split('/')[1];
  return resource && ['assistants', 'threads', 'models'].includes(resource)
    ? ` The Assistants API is under /v1: set your client's base URL to this server's address with /v1 at the end.`
    : '';
}
