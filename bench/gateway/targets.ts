import type { FairnessResult } from './fairness-scenario.ts';
import type { LongThreadResult } from './long-thread-scenario.ts';
import type { NonReadersResult } from './non-readers-scenario.ts';
import type { OpenStreamsResult } from './open-streams-scenario.ts';
import type { ThroughputTarget } from './throughput-scenario.ts';
import type { TtftLevel } from './ttft-scenario.ts';

export interface GatewayBenchResults {
  ttft: TtftLevel[];
  throughput: ThroughputTarget[];
  openStreams: OpenStreamsResult;
  longThread: LongThreadResult;
  fairness: FairnessResult;
  nonReaders: NonReadersResult;
}

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

/** The engine's goals, each judged on figures from the same run; a NaN (nothing measured) is never met. */
export function checkTargets(results: GatewayBenchResults): TargetCheck[] {
  const busiest = results.ttft.filter((level) => !level.together).at(-1);
  const figure = (name: ThroughputTarget['target']) => results.throughput.find((row) => row.target === name);
  const proxy = figure('proxy');
  const gateway = figure('gateway');
  const share = (gateway?.runsPerSecond ?? Number.NaN) / (proxy?.runsPerSecond ?? Number.NaN);
  const { openStreams, longThread, fairness, nonReaders } = results;
  const nonReaderGrowthMb = nonReaders.peakRssMb - nonReaders.idleRssMb;
  const checks: TargetCheck[] = [];
  if (busiest) {
    const { gatewayAdded, proxyAdded, concurrency } = busiest;
    for (const [p, slack] of [
      ['p50', 3],
      ['p99', 15],
    ] as const) {
      checks.push({
        target: `TTFT added at ${concurrency} concurrent, ${p}: ≤ proxy's + ${slack} ms`,
        measured: `gateway +${ms(gatewayAdded[p])}, proxy +${ms(proxyAdded[p])}`,
        met: gatewayAdded[p] <= proxyAdded[p] + slack,
      });
    }
  }
  checks.push(
    {
      target: "Short runs per second ≥ 30% of the proxy's",
      measured: `${(share * 100).toFixed(0)}% (${gateway?.runsPerSecond.toFixed(0)} of ${proxy?.runsPerSecond.toFixed(0)})`,
      met: share >= 0.3,
    },
    {
      target: 'Short runs per second ≥ 600',
      measured: `${gateway?.runsPerSecond.toFixed(0)} runs/s`,
      met: (gateway?.runsPerSecond ?? Number.NaN) >= 600,
    },
    {
      target: 'Gateway CPU per run ≤ 1.5 ms',
      measured: ms((gateway?.cpuUsPerRun ?? Number.NaN) / 1000),
      met: (gateway?.cpuUsPerRun ?? Number.NaN) <= 1500,
    },
    {
      target: `${openStreams.streams.toLocaleString('en')} open streams: peak RSS ≤ 400 MB`,
      measured: `${openStreams.peakRssMb.toFixed(0)} MB`,
      met: openStreams.peakRssMb <= 400,
    },
    {
      target: `${openStreams.streams.toLocaleString('en')} open streams: none lost`,
      measured: `${openStreams.lost} lost`,
      met: openStreams.lost === 0,
    },
    {
      target: `${longThread.messages.toLocaleString('en')}-message thread TTFT ≤ 1.5× a 1-message thread's`,
      measured: `${longThread.ratio.toFixed(2)}× (${ms(longThread.longTtftMs)} vs ${ms(longThread.shortTtftMs)})`,
      met: longThread.ratio <= 1.5,
    },
    {
      target: 'No event-loop stall over 50 ms meanwhile',
      measured: `worst /healthz ${ms(longThread.worstHealthzMs)} (control ${ms(longThread.worstControlMs)})`,
      met: longThread.worstHealthzMs <= 50,
    },
    {
      target: 'Auth, ownership and rate limiting add ≤ 0.2 ms p50 per request',
      measured: `${ms(fairness.checksAddedP50Ms)} (with token ${ms(fairness.ownedGetP50Ms)}, without ${ms(fairness.unauthenticatedP50Ms)})`,
      met: fairness.checksAddedP50Ms <= 0.2,
    },
    {
      target: "Another user's simple request p99 < 100 ms while one user streams at its limits",
      measured: `p99 ${ms(fairness.victimP99Ms)}, p50 ${ms(fairness.victimP50Ms)}`,
      met: fairness.victimP99Ms < 100,
    },
    {
      target: `${nonReaders.clients} clients that never read ${nonReaders.tokens.toLocaleString('en')}-token replies: gateway grows ≤ 500 MB, every run stored`,
      measured: `+${nonReaderGrowthMb.toFixed(0)} MB (${nonReaders.idleRssMb.toFixed(0)} → ${nonReaders.peakRssMb.toFixed(0)} MB), ${nonReaders.completed} of ${nonReaders.clients} completed`,
      met: nonReaderGrowthMb <= 500 && nonReaders.completed === nonReaders.clients,
    },
  );
  return checks;
}
