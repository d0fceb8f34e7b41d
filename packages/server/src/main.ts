import type { Server } from 'node:http';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { ConfigError, limitsOf, loadConfig, signupPolicyOf } from './config.ts';
import { createLogger } from './logger.ts';
import { chooseProvider } from './providers/choose-provider.ts';
import { offlineCompanionName } from './providers/offline-companion.ts';
import { openStreamCount } from './routes/run-event-stream.ts';
import { seedSharedAssistants } from './seed/shared-assistants.ts';
import { openDatabase } from './storage/database.ts';

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const db = await openDatabase(config.DATABASE_URL);
  await seedSharedAssistants(db, config.HARU_MODEL);

  const provider = chooseProvider(config);
  if (provider.name === offlineCompanionName) {
    logger.warn(
      'No model configured (OPENAI_API_KEY is not set): replies come from the built-in offline companion, not a language model.',
    );
  } else {
    logger.info(
      { provider: provider.name, baseURL: withoutCredentials(config.OPENAI_BASE_URL) },
      'model backend',
    );
  }

  const signup = signupPolicyOf(config);
  logger.info(
    { signup, admin: config.HARU_ADMIN_KEY !== undefined, limits: limitsOf(config) },
    signupMessages[signup],
  );
  const { app, engine } = createApp({
    db,
    provider,
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
    if (config.WEB_APP_DIR) console.log(`\n  Haru is ready: open ${url}\n`);
  }) as Server;
  server.once('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EADDRINUSE' && error.code !== 'EACCES') throw error;
    const reason = error.code === 'EADDRINUSE' ? 'is already in use' : 'needs privileges this user lacks';
    console.error(
      `Haru cannot listen on ${config.HOST}:${config.PORT}: the port ${reason}. Stop what holds it, or start Haru with another PORT.`,
    );
    process.exit(1);
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
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
    process.on(signal, () => (stopping ? process.exit(1) : void stop(signal)));
  }
}

const signupMessages = {
  open: 'Sign-up is open: anyone who can reach this gateway can register a device (HARU_SIGNUP=open).',
  invite: 'Sign-up is by invite: new users need a code from POST /admin/invites (HARU_SIGNUP=invite).',
  closed: 'Sign-up is closed: only devices linked to existing users can register (HARU_SIGNUP=closed).',
} as const;

function withoutCredentials(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.toString();
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('Haru gateway failed to start:', error);
  }
  process.exit(1);
});
