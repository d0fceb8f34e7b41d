import { benchLog } from './bench-log.ts';
import type { BenchSettings } from './bench-settings.ts';
import { createBenchAssistant, createThread } from './gateway-api.ts';
import { startLatencyPoller } from './latency-poller.ts';
import { assertRunning } from './processes.ts';
import { expectedReply } from './reply-text.ts';
import { runLoad } from './run-load.ts';
import { seedLongThread } from './seed-long-thread.ts';
import { newDatabaseFile, startGateway, startUpstream } from './start-servers.ts';
import { median } from './stats.ts';

interface ThreadRuns {
  ttftMs: number[];
  incomplete: number;
  /** The slowest /healthz answer while these runs went on. */
  worstHealthzMs: number;
  healthzP50Ms: number;
  /** The slowest answer from the fake upstream, polled the same way: the machine's own noise. */
  worstControlMs: number;
}

export interface LongThreadResult {
  messages: number;
  seedSeconds: number;
  longTtftMs: number;
  shortTtftMs: number;
  ratio: number;
  worstHealthzMs: number;
  healthzP50Ms: number;
  worstControlMs: number;
  incomplete: number;
  long: ThreadRuns[];
  short: ThreadRuns[];
}

/** Time to first token on a very long thread against a one-message thread, and how long the gateway stalls. */
export async function measureLongThread(settings: BenchSettings): Promise<LongThreadResult> {
  const { messages, upstream: shape, runsPerRound } = settings.longThread;
  const databaseFile = newDatabaseFile();
  benchLog(`seeding a thread of ${messages.toLocaleString('en')} messages`);
  const seedStart = performance.now();
  const seeded = await seedLongThread(settings.gatewayMain, databaseFile, messages);
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const upstream = await startUpstream(shape);
  const gateway = await startGateway({ main: settings.gatewayMain, upstreamUrl: upstream.url, databaseFile });
  try {
    const user = { token: seeded.token, assistantId: await createBenchAssistant(gateway.url, seeded.token) };
    const shortThreadId = await createThread(gateway.url, seeded.token);
    const runsOn = async (threadId: string): Promise<ThreadRuns> => {
      const healthzPoller = startLatencyPoller(`${gateway.url}/healthz`);
      const controlPoller = startLatencyPoller(upstream.url);
      const result = await runLoad({
        target: { kind: 'gateway', url: gateway.url, users: [user], threadIds: [threadId] },
        concurrency: 1,
        warmup: { streams: 1 },
        measure: { streams: runsPerRound },
        expectedText: expectedReply(shape.tokens),
        timeoutMs: 120_000,
      });
      const healthz = await healthzPoller.stop();
      const control = await controlPoller.stop();
      assertRunning(gateway.process);
      assertRunning(upstream.process);
      return {
        ttftMs: result.ttftMs,
        incomplete: result.streams - result.complete,
        worstHealthzMs: Math.max(...healthz),
        healthzP50Ms: median(healthz),
        worstControlMs: Math.max(...control),
      };
    };

    const long: ThreadRuns[] = [];
    const short: ThreadRuns[] = [];
    for (let round = 1; round <= settings.rounds; round++) {
      benchLog(`long thread, round ${round}/${settings.rounds}`);
      long.push(await runsOn(seeded.threadId));
      short.push(await runsOn(shortThreadId));
    }
    const all = [...long, ...short];
    const longTtftMs = median(long.flatMap((runs) => runs.ttftMs));
    const shortTtftMs = median(short.flatMap((runs) => runs.ttftMs));
    return {
      messages,
      seedSeconds,
      longTtftMs,
      shortTtftMs,
      ratio: longTtftMs / shortTtftMs,
      worstHealthzMs: Math.max(...all.map((runs) => runs.worstHealthzMs)),
      healthzP50Ms: median(all.map((runs) => runs.healthzP50Ms)),
      worstControlMs: Math.max(...all.map((runs) => runs.worstControlMs)),
      incomplete: all.reduce((sum, runs) => sum + runs.incomplete, 0),
      long,
      short,
    };
  } finally {
    await Promise.all([upstream, gateway].map((server) => server.process.stop()));
  }
}
