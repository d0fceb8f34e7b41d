import type { Server } from 'node:http';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { ConfigError, limitsOf, loadConfig, signupPolicyOf } from './config.ts';
import { createLogger } from './logger.ts';
import { buildModelRouter } from './providers/build-backends.ts';
import { offlineCompanionName } from './providers/offline-companion.ts';
import { loadRouting } from './providers/routing-config.ts';
import { withStructuredOutput } from './providers/structured-output.ts';
import { readyBanner } from './ready-banner.ts';
import { openStreamCount } from './routes/run-event-stream.ts';
import { answerMalformedHttp } from './security/malformed-http.ts';
import { seedSharedAssistants } from './seed/shared-assistants.ts';
import { openDatabase } from './storage/database.ts';

async function main() {
  const config = loadConfig();
  // A person watching a terminal reads plain lines; anything else collecting the output gets JSON.
  const atTerminal = process.stdout.isTTY === true;
  const logger = createLogger(config.LOG_LEVEL, { forPeople: atTerminal });
  const routing = loadRouting(config);
  const router = buildModelRouter(routing, config.HARU_MODEL, {
    env: process.env,
    idleTimeoutMs: config.HARU_UPSTREAM_IDLE_TIMEOUT_MS,
    modelsDir: config.HARU_MODELS_DIR,
  });
  if (!router.find(config.HARU_MODEL)) {
    throw new ConfigError(
      `HARU_MODEL is '${config.HARU_MODEL}', which the routing (${routing.source}) maps to no backend; Haru's shared assistants use it. Set HARU_MODEL to one of: ${router.names().join(', ')}.`,
    );
  }
  const routes = routing.routes.map((route) => `${route.name} → ${route.backend}`);
  logger.info({ source: routing.source, routes }, 'model routing');
  const realRoutes = routing.routes.filter((route) => routing.backends[route.backend]?.type !== 'offline');
  const restToOffline = routing.routes.some(
    (route) => route.name === '*' && routing.backends[route.backend]?.type === 'offline',
  );
  if (restToOffline && realRoutes.length > 0) {
    logger.warn(
      `Model names other than ${realRoutes.map((route) => route.name).join(', ')} are answered by the built-in offline companion, not a language model: an app asking for another model gets it. Route them in haru.config.json to change that.`,
    );
  }
  if (router.backendName(config.HARU_MODEL) === offlineCompanionName) {
    logger.warn(
      `Replies for ${config.HARU_MODEL} come from the built-in offline companion, not a language model: set OPENAI_API_KEY or HARU_LOCAL_MODEL, or write haru.config.json, to connect one.`,
    );
  }
  const db = await openDatabase(config.DATABASE_URL).catch((error: unknown) => {
    throw new ConfigError(
      `Haru cannot open its database ${config.DATABASE_URL} (DATABASE_URL): ${(error as Error).message}. Point DATABASE_URL at a file in a folder this user may write to.`,
    );
  });
  await seedSharedAssistants(db, config.HARU_MODEL);

  const signup = signupPolicyOf(config);
  const signupNote = signupMessages[signup];
  logger.info({ signup, admin: config.HARU_ADMIN_KEY !== undefined, limits: limitsOf(config) }, signupNote);
  if (signup === 'invite' && config.HARU_ADMIN_KEY === undefined) logger.warn(noInvitesYet);
  const { app, engine } = createApp({
    db,
    provider: withStructuredOutput(router),
    models: router,
    logger,
    signup,
    adminKey: config.HARU_ADMIN_KEY,
    trustProxy: config.HARU_TRUST_PROXY,
    corsOrigins: config.HARU_CORS_ORIGINS,
    limits: limitsOf(config),
    webAppDir: config.WEB_APP_DIR,
    // A fixed port names this gateway across restarts; with PORT=0 every start is a new instance.
    engine: {
      instanceId: config.HARU_INSTANCE_ID ?? (config.PORT ? `${hostname()}:${config.PORT}` : undefined),
    },
  });
  await engine.closeAbandoned();
  engine.startMaintenance();
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    const host = info.address.includes(':') ? `[${info.address}]` : info.address;
    const url = `http://${host}:${info.port}`;
    logger.info({ url }, `Haru gateway listening on ${url}`);
    // Where Haru is and who may sign up, whatever the log level (npm start keeps only warnings).
    if (config.WEB_APP_DIR || atTerminal || !logger.isLevelEnabled('info')) {
      console.log(readyBanner({ url, withApp: Boolean(config.WEB_APP_DIR), signup: signupNote }));
    }
  }) as Server;
  answerMalformedHttp(server);
  server.once('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EADDRINUSE' && error.code !== 'EACCES') throw error;
    const reason = error.code === 'EADDRINUSE' ? 'is already in use' : 'needs privileges this user lacks';
    console.error(
      `Haru cannot listen on ${config.HOST}:${config.PORT}: the port ${reason}. Stop what holds it, or start Haru with another PORT.`,
    );
    process.exit(1);
  });

  let stoppingSince: number | undefined;
  const stop = async (signal: string) => {
    const graceMs = config.HARU_SHUTDOWN_GRACE_MS;
    logger.info({ signal, graceMs }, 'shutting down: finishing runs in progress');
    server.close();
    server.closeIdleConnections();
    // Runs get the grace period to finish; the rest end as failed, keeping what they wrote.
    await engine.shutdown(graceMs);
    // Every open stream has its last events and `done` queued; let them reach their clients.
    const flushDeadline = Date.now() + 1500;
    while (openStreamCount() > 0 && Date.now() < flushDeadline) await sleep(10);
    server.closeAllConnections();
    await db.destroy();
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stoppingSince === undefined) {
        stoppingSince = Date.now();
        void stop(signal);
      } else if (Date.now() - stoppingSince > sameRequestMs) {
        // Asked again once the first was plainly under way: the person means now.
        process.exit(1);
      }
    });
  }
  // Started by `npm start` or `npm run dev`, which hold a channel to it: when that process dies, even by
  // SIGKILL where it could pass nothing on, the channel closes, and a gateway left behind would keep the port.
  if (process.channel) {
    process.channel.unref();
    process.once('disconnect', () => {
      if (stoppingSince !== undefined) return;
      stoppingSince = Date.now();
      void stop('its launcher exited');
    });
  }
}

/**
 * A Ctrl-C reaches this process from the terminal and again from `npm start`, which passes it on; a
 * service manager may signal the whole group too. Copies this close together are one request to stop.
 */
const sameRequestMs = 1000;

const noInvitesYet =
  'No one can join yet: sign-up is by invite and HARU_ADMIN_KEY is not set, so no invite can be made. Set HARU_ADMIN_KEY (then: npm run admin -- invite), or HARU_SIGNUP=open on a network you trust.';

const signupMessages = {
  open: 'Sign-up is open: anyone who can reach this gateway can register a device (HARU_SIGNUP=open).',
  invite: 'Sign-up is by invite: new users need a code from POST /admin/invites (HARU_SIGNUP=invite).',
  closed: 'Sign-up is closed: only devices linked to existing users can register (HARU_SIGNUP=closed).',
} as const;

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('Haru gateway failed to start:', error);
  }
  process.exit(1);
});
