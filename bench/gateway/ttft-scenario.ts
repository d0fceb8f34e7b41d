import { benchLog } from './bench-log.ts';
import type { BenchSettings } from './bench-settings.ts';
import { registerBenchUsers } from './gateway-api.ts';
import type { LoadTarget } from './load-spec.ts';
import { assertRunning } from './processes.ts';
import { expectedReply } from './reply-text.ts';
import { runLoad } from './run-load.ts';
import { newDatabaseFile, startGateway, startProxy, startUpstream } from './start-servers.ts';
import { median, percentile } from './stats.ts';

export interface Percentiles {
  p50: number;
  p99: number;
}

interface TargetRound extends Percentiles {
  incomplete: number;
  samples: number;
}

type RoundResult = Record<'direct' | 'proxy' | 'gateway', TargetRound>;
type TtftSettingsLevel = BenchSettings['ttft']['levels'][number];

export interface TtftLevel {
  concurrency: number;
  /** The slots started together, as one burst. */
  together: boolean;
  /** Direct's own time to first token, median over rounds. */
  direct: Percentiles;
  /** The target's percentile minus direct's in the same round, median over rounds. */
  proxyAdded: Percentiles;
  gatewayAdded: Percentiles;
  rounds: RoundResult[];
}

const medianOver = (rounds: RoundResult[], figure: (round: RoundResult) => number) =>
  median(rounds.map(figure));

function summarize({ concurrency, together }: TtftSettingsLevel, rounds: RoundResult[]): TtftLevel {
  const added = (target: 'proxy' | 'gateway'): Percentiles => ({
    p50: medianOver(rounds, (round) => round[target].p50 - round.direct.p50),
    p99: medianOver(rounds, (round) => round[target].p99 - round.direct.p99),
  });
  return {
    concurrency,
    together,
    direct: {
      p50: medianOver(rounds, (round) => round.direct.p50),
      p99: medianOver(rounds, (round) => round.direct.p99),
    },
    proxyAdded: added('proxy'),
    gatewayAdded: added('gateway'),
    rounds,
  };
}

/** Time to first token through the proxy and the gateway, against the upstream directly, at each concurrency. */
export async function measureTtft(settings: BenchSettings): Promise<TtftLevel[]> {
  const { upstream: shape, levels } = settings.ttft;
  const upstream = await startUpstream(shape);
  const proxy = await startProxy(upstream.url);
  const gateway = await startGateway({
    main: settings.gatewayMain,
    upstreamUrl: upstream.url,
    databaseFile: newDatabaseFile(),
  });
  try {
    const users = await registerBenchUsers(gateway.url, settings.users);
    // Clients arrive spread over one stream's length: `concurrency` streams are open at any moment.
    const streamMs = shape.ttftMs + shape.tokens * shape.gapMs;
    const measure = async (
      target: LoadTarget,
      { concurrency, streamsPerSlot, together }: TtftSettingsLevel,
    ) => {
      const result = await runLoad({
        target,
        concurrency,
        warmup: { streams: 1 },
        measure: { streams: streamsPerSlot },
        expectedText: expectedReply(shape.tokens),
        timeoutMs: 60_000,
        staggerMs: together ? undefined : streamMs,
      });
      for (const server of [upstream, proxy, gateway]) assertRunning(server.process);
      return {
        p50: percentile(result.ttftMs, 50),
        p99: percentile(result.ttftMs, 99),
        incomplete: result.streams - result.complete,
        samples: result.streams,
      };
    };

    const rounds = levels.map((): RoundResult[] => []);
    for (let round = 1; round <= settings.rounds; round++) {
      for (const [index, level] of levels.entries()) {
        benchLog(
          `time to first token, round ${round}/${settings.rounds}: ${level.concurrency} ${level.together ? 'at once' : 'concurrent'}`,
        );
        // Object properties are evaluated in order: direct, then proxy, then gateway, one after another.
        rounds[index]?.push({
          direct: await measure({ kind: 'chat-completions', url: `${upstream.url}/chat/completions` }, level),
          proxy: await measure({ kind: 'chat-completions', url: `${proxy.url}/chat/completions` }, level),
          gateway: await measure({ kind: 'gateway', url: gateway.url, users }, level),
        });
      }
    }
    return levels.map((level, index) => summarize(level, rounds[index] ?? []));
  } finally {
    await Promise.all([upstream, proxy, gateway].map((server) => server.process.stop()));
  }
}
