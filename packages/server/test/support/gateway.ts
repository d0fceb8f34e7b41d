import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type AppOptions, createApp } from '../../src/app.ts';
import { createLogger } from '../../src/logger.ts';
import type { ModelCatalog } from '../../src/providers/model-catalog.ts';
import type { ModelProvider } from '../../src/providers/model-provider.ts';
import { offlineCompanionProvider } from '../../src/providers/offline-companion.ts';
import { openAICompatibleProvider } from '../../src/providers/openai-compatible.ts';
import { answerMalformedHttp } from '../../src/security/malformed-http.ts';
import { seedSharedAssistants } from '../../src/seed/shared-assistants.ts';
import { openDatabase } from '../../src/storage/database.ts';
import { apiClient } from './gateway-client.ts';

/** A gateway on an in-memory database, called in memory with `request` or over HTTP at `url` once `listen`ed. */
export async function startGateway(
  options: {
    provider?: ModelProvider;
    /** The models apps may ask for (a model router); every name goes to `provider` when absent. */
    models?: ModelCatalog;
    upstreamURL?: string;
    engine?: AppOptions['engine'];
    webAppDir?: string;
    seed?: boolean;
    /** A database file shared with another gateway, as after a restart; in memory by default. */
    databaseUrl?: string;
    /** Sign-up, admin key, CORS origins and limits, as main.ts passes them from the environment. */
    access?: Pick<AppOptions, 'signup' | 'adminKey' | 'trustProxy' | 'corsOrigins' | 'limits'>;
  } = {},
) {
  const db = await openDatabase(options.databaseUrl ?? 'sqlite::memory:');
  if (options.seed) await seedSharedAssistants(db, 'test-default-model');
  const provider =
    options.provider ??
    (options.upstreamURL
      ? // Upstream faults are retried for a fraction of a second, not 20 s, so a test sees how retries end quickly.
        openAICompatibleProvider({
          baseURL: options.upstreamURL,
          apiKey: 'sk-test-upstream',
          retry: { maxTotalMs: 300, baseDelayMs: 10 },
        })
      : offlineCompanionProvider({ wordDelayMs: 1 }));
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const { app, engine } = createApp({
    db,
    provider,
    models: options.models,
    logger,
    webAppDir: options.webAppDir,
    ...options.access,
    ...(options.engine && { engine: options.engine }),
  });
  let server: ReturnType<typeof serve> | undefined;

  const gateway = {
    app,
    engine,
    db,
    url: '',

    // Every JSON answer in every test must match OpenAI's published schema for its object.
    ...apiClient((path, init) => Promise.resolve(app.request(path, init))),

    async listen() {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
      answerMalformedHttp(server as Server);
      await new Promise<void>((resolve) => server?.once('listening', () => resolve()));
      gateway.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      return gateway.url;
    },

    async close() {
      await engine.idle();
      if (server) {
        const s = server as unknown as import('node:http').Server;
        s.closeAllConnections?.();
        await new Promise<void>((resolve) => s.close(() => resolve()));
      }
      await db.destroy();
    },
  };
  return gateway;
}

export type TestGateway = Awaited<ReturnType<typeof startGateway>>;

/** A user with an assistant and a thread holding one user message: the usual starting point. */
export const userWithThread = (gateway: TestGateway, text?: string) => gateway.userWithThread(text);
