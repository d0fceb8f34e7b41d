/**
 * Gateway benchmark: the gateway's time to first token, throughput, memory with many open streams and
 * behaviour on a very long thread, and (with its default limits) the cost of its per-request checks and
 * whether one user's load slows another's, each against a fake upstream and a minimal pass-through proxy measured
 * in the same run, because on a shared machine only figures taken side by side compare.
 * BENCH_QUICK=1 for a short pass; BENCH_GATEWAY_MAIN=<path to main.ts> measures another checkout.
 */
import { existsSync } from 'node:fs';
import { benchLog } from './gateway/bench-log.ts';
import { benchSettings } from './gateway/bench-settings.ts';
import { measureFairness } from './gateway/fairness-scenario.ts';
import { measureLongThread } from './gateway/long-thread-scenario.ts';
import { describeCheckout, describeMachine } from './gateway/machine.ts';
import { measureNonReaders } from './gateway/non-readers-scenario.ts';
import { measureOpenStreams } from './gateway/open-streams-scenario.ts';
import { stopAllProcesses } from './gateway/processes.ts';
import { type GatewayBenchReport, reportMarkdown } from './gateway/report.ts';
import { checkTargets } from './gateway/targets.ts';
import { measureThroughput } from './gateway/throughput-scenario.ts';
import { measureTtft } from './gateway/ttft-scenario.ts';
import { writeReport } from './gateway/write-report.ts';

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stopAllProcesses();
    process.exit(130);
  });
}

if (!existsSync(benchSettings.gatewayMain)) {
  throw new Error(
    `No gateway at ${benchSettings.gatewayMain}: point BENCH_GATEWAY_MAIN at a checkout's main.ts`,
  );
}
const machine = describeMachine();
const gateway = describeCheckout(benchSettings.gatewayMain);
benchLog(`gateway benchmark of ${gateway.main}${benchSettings.quick ? ' (quick)' : ''}`);
const results = {
  ttft: await measureTtft(benchSettings),
  throughput: await measureThroughput(benchSettings),
  openStreams: await measureOpenStreams(benchSettings),
  longThread: await measureLongThread(benchSettings),
  fairness: await measureFairness(benchSettings),
  nonReaders: await measureNonReaders(benchSettings),
};
const report: GatewayBenchReport = {
  machine,
  gateway,
  settings: benchSettings,
  results,
  targets: checkTargets(results),
};
const markdown = reportMarkdown(report);
const written = writeReport(report, markdown);
console.log(`\n${markdown}`);
benchLog(`done; written to ${written}.md and .json`);
