import { benchLog } from './bench-log.ts';
import type { BenchSettings } from './bench-settings.ts';
import { registerBenchUsers } from './gateway-api.ts';
import type { LoadTarget } from './load-spec.ts';
import { assertRunning } from './processes.ts';
import { expectedReply } from './reply-text.ts';
import { runLoad } from './run-load.ts';
import {
  type BenchServer,
  newDatabaseFile,
  startGateway,
  startProxy,
  startUpstream,
} from './start-servers.ts';
import { median } from './stats.ts';

export interface ThroughputRound {
  runsPerSecond: number;
  /** The target's own CPU time per complete run; for direct, that is the upstream's. */
  cpuUsPerRun: number;
  upstreamCpuUsPerRun: number;
  incomplete: number;
}

export interface ThroughputTarget {
  target: 'direct' | 'proxy' | 'gateway';
  runsPerSecond: number;
  cpuUsPerRun: number;
  upstreamCpuUsPerRun: number;
  incomplete: number;
  rounds: ThroughputRound[];
}

/** Complete short runs per second in a closed loop, with an upstream that answers at once. */
export async function measureThroughput(settings: BenchSettings): Promise<ThroughputTarget[]> {
  const { upstream: shape, concurrency, warmupMs, measureMs } = settings.throughput;
  const upstream = await startUpstream(shape);
  const proxy = await startProxy(upstream.url);
  const gateway = await startGateway({
    main: settings.gatewayMain,
    upstreamUrl: upstream.url,
    databaseFile: newDatabaseFile(),
  });
  try {
    const users = await registerBenchUsers(gateway.url, settings.users);
    const targets: Array<[ThroughputTarget['target'], LoadTarget, BenchServer]> = [
      ['direct', { kind: 'chat-completions', url: `${upstream.url}/chat/completions` }, upstream],
      ['proxy', { kind: 'chat-completions', url: `${proxy.url}/chat/completions` }, proxy],
      ['gateway', { kind: 'gateway', url: gateway.url, users }, gateway],
    ];
    const rounds = new Map(targets.map(([name]) => [name, [] as ThroughputRound[]]));
    for (let round = 1; round <= settings.rounds; round++) {
      for (const [name, target, server] of targets) {
        benchLog(`throughput, round ${round}/${settings.rounds}: ${name}`);
        const result = await runLoad({
          target,
          concurrency,
          warmup: { ms: warmupMs },
          measure: { ms: measureMs },
          expectedText: expectedReply(shape.tokens),
          timeoutMs: 60_000,
          cpuPids: { target: server.process.pid, upstream: upstream.process.pid },
        });
        for (const started of [upstream, proxy, gateway]) assertRunning(started.process);
        const perRun = (ms = 0) => (ms * 1000) / Math.max(1, result.complete);
        rounds.get(name)?.push({
          runsPerSecond: result.complete / (result.elapsedMs / 1000),
          cpuUsPerRun: perRun(result.cpuMs.target),
          upstreamCpuUsPerRun: perRun(result.cpuMs.upstream),
          incomplete: result.streams - result.complete,
        });
      }
    }
    return targets.map(([name]) => {
      const measured = rounds.get(name) ?? [];
      return {
        target: name,
        runsPerSecond: median(measured.map((round) => round.runsPerSecond)),
        cpuUsPerRun: median(measured.map((round) => round.cpuUsPerRun)),
        upstreamCpuUsPerRun: median(measured.map((round) => round.upstreamCpuUsPerRun)),
        incomplete: measured.reduce((sum, round) => sum + round.incomplete, 0),
        rounds: measured,
      };
    });
  } finally {
    await Promise.all([upstream, proxy, gateway].map((server) => server.process.stop()));
  }
}
