import { readFileSync } from 'node:fs';
import { benchLog } from './bench-log.ts';
import type { BenchSettings } from './bench-settings.ts';
import { registerBenchUsers } from './gateway-api.ts';
import { memoryMb } from './proc-stats.ts';
import { assertRunning } from './processes.ts';
import { expectedReply } from './reply-text.ts';
import { runLoad } from './run-load.ts';
import { newDatabaseFile, startGateway, startUpstream } from './start-servers.ts';

export interface OpenStreamsResult {
  streams: number;
  streamMs: number;
  /** The gateway's resident memory just before the streams open. */
  idleRssMb: number;
  /** VmHWM: the most resident memory the gateway ever held. */
  peakRssMb: number;
  maxSampledRssMb: number;
  /** The most streams that had content flowing at once. */
  maxStreaming: number;
  lost: number;
  errors: string[];
  /** Soft limit on open files the bench's processes inherit. */
  openFilesLimit: number;
}

function openFilesLimit(): number {
  const soft = /^Max open files\s+(\S+)/m.exec(readFileSync('/proc/self/limits', 'utf8'))?.[1] ?? '0';
  return soft === 'unlimited' ? Number.POSITIVE_INFINITY : Number(soft);
}

/** The gateway's memory with thousands of slow streams open at once, and whether every one arrives whole. */
export async function measureOpenStreams(settings: BenchSettings): Promise<OpenStreamsResult> {
  const { streams, tokens, streamMs } = settings.openStreams;
  const limit = openFilesLimit();
  // The gateway holds two sockets per stream (client and upstream); the others one each.
  if (limit < 2 * streams + 500) {
    throw new Error(
      `ulimit -n is ${limit}; raise it to at least ${2 * streams + 500} for ${streams} streams`,
    );
  }
  // Held after their first token until all are open, so a slow ramp cannot let early streams end first.
  const upstream = await startUpstream({
    ttftMs: 50,
    tokens,
    gapMs: Math.round(streamMs / tokens),
    holdUntilOpen: streams,
  });
  const gateway = await startGateway({
    main: settings.gatewayMain,
    upstreamUrl: upstream.url,
    databaseFile: newDatabaseFile(),
  });
  try {
    const users = await registerBenchUsers(gateway.url, settings.users);
    benchLog(`${streams} open streams of ~${streamMs / 1000} s each`);
    const idleRssMb = memoryMb(gateway.process.pid).rss;
    let maxSampledRssMb = idleRssMb;
    const sampler = setInterval(() => {
      if (gateway.process.isRunning()) {
        maxSampledRssMb = Math.max(maxSampledRssMb, memoryMb(gateway.process.pid).rss);
      }
    }, 200);
    const result = await runLoad({
      target: { kind: 'gateway', url: gateway.url, users },
      concurrency: streams,
      measure: { streams: 1 },
      expectedText: expectedReply(tokens),
      timeoutMs: streamMs * 6,
    }).finally(() => clearInterval(sampler));
    assertRunning(gateway.process);
    assertRunning(upstream.process);
    return {
      streams,
      streamMs,
      idleRssMb,
      peakRssMb: memoryMb(gateway.process.pid).peak,
      maxSampledRssMb,
      maxStreaming: result.maxStreaming,
      lost: result.streams - result.complete,
      errors: result.errors,
      openFilesLimit: limit,
    };
  } finally {
    await Promise.all([upstream, gateway].map((server) => server.process.stop()));
  }
}
