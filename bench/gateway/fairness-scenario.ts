import { Agent, request } from 'node:http';
import { benchLog } from './bench-log.ts';
import type { BenchSettings } from './bench-settings.ts';
import { createBenchAssistant, createThread, registerDevice } from './gateway-api.ts';
import { describeError, postStream } from './post-stream.ts';
import { assertRunning } from './processes.ts';
import { seedLongThread } from './seed-long-thread.ts';
import { newDatabaseFile, startGateway, startUpstream } from './start-servers.ts';
import { percentile } from './stats.ts';

export interface FairnessResult {
  /** Serial GETs of a thread on an idle gateway: p50 with its owner's token, and without a token (answered 401 before any check). */
  ownedGetP50Ms: number;
  unauthenticatedP50Ms: number;
  /** What authentication, the ownership lookup and the rate limit add to a request at p50. */
  checksAddedP50Ms: number;
  requestsEach: number;
  /** The other user's simple GET while one user ran as many streams as the limits allow on huge threads. */
  victimP50Ms: number;
  victimP99Ms: number;
  victimSamples: number;
  hostileStreamsCompleted: number;
  hostileRefused: number;
  hostileMessagesPerThread: number;
  hostileThreads: number;
  loadSeconds: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/** One GET on a kept-alive connection, timed from outside; resolves with its status and milliseconds. */
function timedGet(url: string, token?: string): Promise<{ status: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const sentAt = performance.now();
    request(url, { agent, headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - sentAt }));
    })
      .on('error', reject)
      .end();
  });
}

/**
 * With the gateway's default limits (but the request rate, which the measuring clients would exceed): what its per-request checks cost, and whether one user running all
 * the streams the limits allow, on threads of many thousands of messages, slows another user's requests.
 */
export async function measureFairness(settings: BenchSettings): Promise<FairnessResult> {
  const { messagesPerThread, threads, requestsEach, loadMs } = settings.fairness;
  const databaseFile = newDatabaseFile();
  benchLog(
    `fairness: seeding ${threads} threads of ${messagesPerThread.toLocaleString('en')} messages for one user`,
  );
  const hostile = await seedLongThread(settings.gatewayMain, databaseFile, messagesPerThread, threads);
  const upstream = await startUpstream(settings.fairness.upstream);
  const gateway = await startGateway({
    main: settings.gatewayMain,
    upstreamUrl: upstream.url,
    databaseFile,
    limits: 'default',
    // The measuring clients poll far faster than a person; the limiter still runs on every request.
    env: { HARU_RATE_LIMIT_RPM: '1000000000' },
  });
  try {
    const victim = await registerDevice(gateway.url);
    const victimThread = await createThread(gateway.url, victim.token);
    const ownedUrl = `${gateway.url}/v1/threads/${victimThread}`;

    benchLog(
      `fairness: ${requestsEach} serial GETs of a thread, each with its owner's token and without one`,
    );
    const owned: number[] = [];
    const unauthenticated: number[] = [];
    for (let i = 0; i < requestsEach; i++) {
      unauthenticated.push((await timedGet(ownedUrl)).ms);
      owned.push((await timedGet(ownedUrl, victim.token)).ms);
    }

    benchLog(
      `fairness: one user streams on ${threads} huge threads for ${loadMs / 1000} s while another reads`,
    );
    const assistantId = await createBenchAssistant(gateway.url, hostile.token);
    let stopping = false;
    let completed = 0;
    let refused = 0;
    const failures: string[] = [];
    const runUrl = (threadId: string) => new URL(`/v1/threads/${threadId}/runs`, gateway.url);
    const streamLoop = async (threadId: string) => {
      while (!stopping) {
        try {
          await postStream(
            runUrl(threadId),
            { assistant_id: assistantId, stream: true },
            {
              authorization: `Bearer ${hostile.token}`,
            },
            () => undefined,
            120_000,
          );
          completed++;
        } catch (error) {
          if (!describeError(error).includes('HTTP 429')) {
            failures.push(describeError(error));
            return;
          }
          refused++;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    };
    // One loop more than the user may run at once: its extra requests meet the per-user limit.
    const loops = hostile.threadIds.map(streamLoop);
    const extraThread = await createThread(gateway.url, hostile.token);
    loops.push(streamLoop(extraThread));

    const victimMs: number[] = [];
    const loadStart = performance.now();
    while (performance.now() - loadStart < loadMs) {
      const { status, ms } = await timedGet(ownedUrl, victim.token);
      if (status !== 200) throw new Error(`the other user's GET answered ${status}`);
      victimMs.push(ms);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    stopping = true;
    await Promise.all(loops);
    assertRunning(gateway.process);
    if (failures.length > 0) {
      throw new Error(`streams failed: ${failures.join('; ')}\n${gateway.process.stderrTail()}`);
    }

    const ownedGetP50Ms = percentile(owned, 50);
    const unauthenticatedP50Ms = percentile(unauthenticated, 50);
    return {
      ownedGetP50Ms,
      unauthenticatedP50Ms,
      checksAddedP50Ms: ownedGetP50Ms - unauthenticatedP50Ms,
      requestsEach,
      victimP50Ms: percentile(victimMs, 50),
      victimP99Ms: percentile(victimMs, 99),
      victimSamples: victimMs.length,
      hostileStreamsCompleted: completed,
      hostileRefused: refused,
      hostileMessagesPerThread: messagesPerThread,
      hostileThreads: threads,
      loadSeconds: (performance.now() - loadStart) / 1000,
    };
  } finally {
    agent.destroy();
    await Promise.all([upstream, gateway].map((server) => server.process.stop()));
  }
}
