import { fileURLToPath } from 'node:url';
import { chatCompletionsStream } from './chat-completions-stream.ts';
import { createThread } from './gateway-api.ts';
import { gatewayRunStream } from './gateway-run-stream.ts';
import type { LoadAmount, LoadResult, LoadSpec } from './load-spec.ts';
import type { StreamOutcome } from './post-stream.ts';
import { cpuMs } from './proc-stats.ts';

export const loadGeneratorScript = fileURLToPath(import.meta.url);

type Stream = (onFirstContent: () => void) => Promise<StreamOutcome>;

async function streamsPerSlot(spec: LoadSpec): Promise<Stream[]> {
  const { target, expectedText, timeoutMs } = spec;
  if (target.kind === 'chat-completions') {
    const url = new URL(target.url);
    return Array.from(
      { length: spec.concurrency },
      () => (onFirst: () => void) => chatCompletionsStream(url, expectedText, timeoutMs, onFirst),
    );
  }
  const slots = [];
  for (let start = 0; start < spec.concurrency; start += 20) {
    const batch = Array.from({ length: Math.min(20, spec.concurrency - start) }, async (_, offset) => {
      const index = start + offset;
      const user = target.users[index % target.users.length];
      if (!user) throw new Error('a gateway target needs at least one user');
      const threadId = target.threadIds?.[index] ?? (await createThread(target.url, user.token));
      return { url: target.url, token: user.token, assistantId: user.assistantId, threadId };
    });
    slots.push(...(await Promise.all(batch)));
  }
  return slots.map(
    (slot) => (onFirst: () => void) => gatewayRunStream(slot, expectedText, timeoutMs, onFirst),
  );
}

async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const streams = await streamsPerSlot(spec);
  let streaming = 0;
  let maxStreaming = 0;
  const tracked = async (stream: Stream) => {
    let started = false;
    const outcome = await stream(() => {
      started = true;
      streaming++;
      maxStreaming = Math.max(maxStreaming, streaming);
    });
    if (started) streaming--;
    return outcome;
  };
  // A slot runs its streams one after another, as a client waits for a reply before sending the next.
  const runSlot = async (stream: Stream, amount: LoadAmount, record: (outcome: StreamOutcome) => void) => {
    const until = 'ms' in amount ? performance.now() + amount.ms : Number.POSITIVE_INFINITY;
    const count = 'streams' in amount ? amount.streams : Number.POSITIVE_INFINITY;
    for (let n = 0; n < count && performance.now() < until; n++) record(await tracked(stream));
  };
  const ignore = () => undefined;
  const outcomes: StreamOutcome[] = [];
  const keep = (outcome: StreamOutcome) => outcomes.push(outcome);

  if (spec.staggerMs !== undefined) {
    const { staggerMs } = spec;
    const startedAt = performance.now();
    await Promise.all(
      streams.map(async (stream, index) => {
        await new Promise((resolve) => setTimeout(resolve, (staggerMs * index) / streams.length));
        if (spec.warmup) await runSlot(stream, spec.warmup, ignore);
        await runSlot(stream, spec.measure, keep);
      }),
    );
    return summarizeOutcomes(outcomes, performance.now() - startedAt, {}, maxStreaming);
  }

  // Every slot ends its warm-up before the measured phase starts, so the CPU read covers that phase alone.
  const phase = (amount: LoadAmount, record: (outcome: StreamOutcome) => void) =>
    Promise.all(streams.map((stream) => runSlot(stream, amount, record)));
  if (spec.warmup) await phase(spec.warmup, ignore);
  const pids = Object.entries(spec.cpuPids ?? {});
  const cpuBefore = pids.map(([, pid]) => cpuMs(pid));
  const startedAt = performance.now();
  maxStreaming = 0;
  await phase(spec.measure, keep);
  const elapsedMs = performance.now() - startedAt;
  const cpu = pids.map(([name, pid], index) => [name, cpuMs(pid) - (cpuBefore[index] ?? 0)]);

  return summarizeOutcomes(outcomes, elapsedMs, Object.fromEntries(cpu), maxStreaming);
}

function summarizeOutcomes(
  outcomes: StreamOutcome[],
  elapsedMs: number,
  cpuMs: Record<string, number>,
  maxStreaming: number,
): LoadResult {
  return {
    ttftMs: outcomes.flatMap((outcome) => (outcome.ttftMs === undefined ? [] : [outcome.ttftMs])),
    streams: outcomes.length,
    complete: outcomes.filter((outcome) => outcome.complete).length,
    errors: [...new Set(outcomes.flatMap((outcome) => (outcome.error ? [outcome.error] : [])))].slice(0, 5),
    elapsedMs,
    cpuMs,
    maxStreaming,
  };
}

if (import.meta.main) {
  const spec = JSON.parse(process.argv[2] ?? '') as LoadSpec;
  const result = await runLoad(spec);
  // Kept-alive sockets would hold the process open; exit once the result is written out.
  process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
}
