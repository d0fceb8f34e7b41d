import type { BenchSettings } from './bench-settings.ts';
import type { CheckoutDescription, MachineDescription } from './machine.ts';
import type { GatewayBenchResults, TargetCheck } from './targets.ts';

export interface GatewayBenchReport {
  machine: MachineDescription;
  gateway: CheckoutDescription;
  settings: BenchSettings;
  results: GatewayBenchResults;
  targets: TargetCheck[];
}

const ms = (value: number) => (Number.isNaN(value) ? 'n/a' : `${value.toFixed(1)} ms`);
const added = (value: number) =>
  Number.isNaN(value) ? 'n/a' : `${value >= 0 ? '+' : '−'}${ms(Math.abs(value))}`;
/** A Markdown table with aligned columns, readable in a terminal as it is. */
function table(header: string[], rows: string[][]) {
  const widths = header.map((_, column) =>
    Math.max(3, ...[header, ...rows].map((cells) => (cells[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

function checkoutLine({ main, commit, uncommittedFiles }: CheckoutDescription) {
  if (!commit) return `\`${main}\` (not a git checkout)`;
  const changes = uncommittedFiles ? `, ${uncommittedFiles} uncommitted files beside it` : '';
  return `\`${main}\` at ${commit}${changes}`;
}

function ttftSection({ settings, results }: GatewayBenchReport) {
  const { ttftMs, tokens, gapMs } = settings.ttft.upstream;
  const rows = results.ttft.map((level) => {
    const incomplete = level.rounds.reduce(
      (sum, round) => sum + round.direct.incomplete + round.proxy.incomplete + round.gateway.incomplete,
      0,
    );
    return [
      level.together ? `${level.concurrency} at once` : String(level.concurrency),
      ms(level.direct.p50),
      ms(level.direct.p99),
      added(level.proxyAdded.p50),
      added(level.proxyAdded.p99),
      added(level.gatewayAdded.p50),
      added(level.gatewayAdded.p99),
      String(level.rounds[0]?.direct.samples ?? 0),
      String(incomplete),
    ];
  });
  return [
    '## 1. Time to first token added over direct',
    '',
    `Upstream: first token after ${ttftMs} ms, ${tokens} tokens ${gapMs} ms apart. Each client waits for its reply to end before asking again, and the clients start spread over one reply's length, so that many streams are open at every moment; "at once": the clients start together, and every stream is one of a burst. Added = the target's percentile − direct's, in the same round.`,
    '',
    table(
      [
        'Concurrent streams',
        'Direct p50',
        'Direct p99',
        'Proxy added p50',
        'Proxy added p99',
        'Gateway added p50',
        'Gateway added p99',
        'Streams per target per round',
        'Incomplete',
      ],
      rows,
    ),
  ].join('\n');
}

function throughputSection({ settings, results }: GatewayBenchReport) {
  const { concurrency, measureMs, upstream } = settings.throughput;
  const rows = results.throughput.map((row) => [
    row.target,
    row.runsPerSecond.toFixed(0),
    `${row.cpuUsPerRun.toFixed(0)} µs`,
    `${row.upstreamCpuUsPerRun.toFixed(0)} µs`,
    String(row.incomplete),
  ]);
  return [
    '## 2. Complete short runs per second',
    '',
    `Closed loop, ${concurrency} concurrent streams for ${measureMs / 1000} s; the upstream answers at once with ${upstream.tokens} tokens. CPU is user + system time from /proc/<pid>/stat over the measured phase.`,
    '',
    table(['Target', 'Runs/s', 'Own CPU per run', 'Upstream CPU per run', 'Incomplete'], rows),
  ].join('\n');
}

function openStreamsSection({ results }: GatewayBenchReport) {
  const open = results.openStreams;
  return [
    `## 3. ${open.streams.toLocaleString('en')} open streams through the gateway`,
    '',
    `Each stream lasts about ${open.streamMs / 1000} s; lost = did not end with \`done\` and the full text. Open files limit: ${open.openFilesLimit}.`,
    '',
    table(
      ['Peak RSS (VmHWM)', 'Highest sampled RSS', 'RSS before', 'Most streaming at once', 'Lost'],
      [
        [
          `${open.peakRssMb.toFixed(0)} MB`,
          `${open.maxSampledRssMb.toFixed(0)} MB`,
          `${open.idleRssMb.toFixed(0)} MB`,
          `${open.maxStreaming} of ${open.streams}`,
          String(open.lost),
        ],
      ],
    ),
    ...(open.errors.length > 0 ? ['', `Why streams were lost: ${open.errors.join('; ')}`] : []),
  ].join('\n');
}

function longThreadSection({ results }: GatewayBenchReport) {
  const long = results.longThread;
  const row = (thread: string, ttftMs: number, runs: typeof long.long) => [
    thread,
    ms(ttftMs),
    ms(Math.max(...runs.map((measured) => measured.worstHealthzMs))),
    ms(Math.max(...runs.map((measured) => measured.worstControlMs))),
    String(runs.reduce((sum, measured) => sum + measured.incomplete, 0)),
  ];
  return [
    '## 4. A long thread',
    '',
    `Seeded with the gateway's own storage code in ${long.seedSeconds.toFixed(1)} s. /healthz polled every 10 ms meanwhile, warm-up runs included; its slowest answer is the longest event-loop stall seen from outside (median answer ${ms(long.healthzP50Ms)}). The control is the fake upstream polled the same way: how slowly a nearly idle process answers on this machine meanwhile.`,
    '',
    table(
      ['Thread', 'TTFT p50', 'Worst /healthz', 'Worst control', 'Incomplete'],
      [
        row(`${long.messages.toLocaleString('en')} messages`, long.longTtftMs, long.long),
        row('1 message', long.shortTtftMs, long.short),
      ],
    ),
    '',
    `Ratio: ${long.ratio.toFixed(2)}×`,
  ].join('\n');
}

function fairnessSection({ results }: GatewayBenchReport) {
  const fair = results.fairness;
  return [
    "## 5. The gateway's limits: their cost, and one user's load beside another's",
    '',
    `With the default limits, but requests per minute raised for the measuring clients (the limiter still runs). ${fair.requestsEach} serial GETs of one user's thread on an idle gateway, each with the owner's token (token lookup, rate limit, ownership, the thread) and without a token (the same path answered 401 before any of them). Then one user streams on ${fair.hostileThreads} threads of ${fair.hostileMessagesPerThread.toLocaleString('en')} messages, keeping as many runs going as the per-user limit allows and asking for one more, while another user GETs a thread every 10 ms for ${fair.loadSeconds.toFixed(1)} s.`,
    '',
    table(
      [
        'With token p50',
        'Without token p50',
        'Checks add (p50)',
        "Other user's p50",
        "Other user's p99",
        'Samples',
        'Streams completed',
        'Refused (429)',
      ],
      [
        [
          ms(fair.ownedGetP50Ms),
          ms(fair.unauthenticatedP50Ms),
          ms(fair.checksAddedP50Ms),
          ms(fair.victimP50Ms),
          ms(fair.victimP99Ms),
          String(fair.victimSamples),
          String(fair.hostileStreamsCompleted),
          String(fair.hostileRefused),
        ],
      ],
    ),
  ].join('\n');
}

function nonReadersSection({ results }: GatewayBenchReport) {
  const { clients, tokens, idleRssMb, peakRssMb, completed } = results.nonReaders;
  return [
    `## 6. ${clients} clients that never read`,
    '',
    `With the default limits. Each client asks for a ${tokens.toLocaleString('en')}-token streamed reply and never reads a byte; the upstream sends as fast as it can.`,
    '',
    table(
      ['RSS before', 'Peak RSS (VmHWM)', 'Grew by', 'Runs completed and stored'],
      [
        [
          `${idleRssMb.toFixed(0)} MB`,
          `${peakRssMb.toFixed(0)} MB`,
          `${(peakRssMb - idleRssMb).toFixed(0)} MB`,
          `${completed} of ${clients}`,
        ],
      ],
    ),
  ].join('\n');
}

export function reportMarkdown(report: GatewayBenchReport): string {
  const { machine, settings, targets } = report;
  const met = targets.filter((check) => check.met).length;
  return [
    '# Haru gateway benchmark',
    '',
    `${machine.date} · gateway ${checkoutLine(report.gateway)} · ${settings.rounds} round(s), medians across rounds${settings.quick ? ' · quick mode' : ''}`,
    '',
    `Machine: ${machine.cpu} × ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}; load average ${machine.loadAverage} at the start`,
    '',
    ttftSection(report),
    '',
    throughputSection(report),
    '',
    openStreamsSection(report),
    '',
    longThreadSection(report),
    '',
    fairnessSection(report),
    '',
    nonReadersSection(report),
    '',
    `## Targets: ${met} of ${targets.length} met`,
    '',
    table(
      ['Target', 'Measured', 'Result'],
      targets.map((check) => [check.target, check.measured, check.met ? 'met' : 'NOT MET']),
    ),
    '',
  ].join('\n');
}
