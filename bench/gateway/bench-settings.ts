import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const quick = process.env.BENCH_QUICK === '1';
const defaultGatewayMain = fileURLToPath(new URL('../../packages/server/src/main.ts', import.meta.url));

/** Everything a run of the gateway bench is configured by; BENCH_QUICK=1 trades precision for time. */
export const benchSettings = {
  quick,
  rounds: Number(process.env.BENCH_ROUNDS ?? (quick ? 1 : 5)),
  gatewayMain: process.env.BENCH_GATEWAY_MAIN ? resolve(process.env.BENCH_GATEWAY_MAIN) : defaultGatewayMain,
  users: 10,
  ttft: {
    /** Tokens 20 ms apart: 50 tokens a second, the pace of a fast hosted model. */
    upstream: { ttftMs: 50, tokens: 20, gapMs: 20 },
    /**
     * Each slot runs one warm-up stream, then this many measured ones. `together`: every slot starts at
     * the same moment, after a shared warm-up, so each stream is one of a burst (reported, not a target).
     */
    levels: [
      { concurrency: 1, streamsPerSlot: quick ? 10 : 20, together: false },
      { concurrency: 50, streamsPerSlot: quick ? 3 : 6, together: false },
      { concurrency: 200, streamsPerSlot: quick ? 3 : 6, together: false },
      { concurrency: 200, streamsPerSlot: quick ? 1 : 2, together: true },
    ],
  },
  throughput: {
    upstream: { ttftMs: 0, tokens: 20, gapMs: 0 },
    concurrency: 64,
    warmupMs: quick ? 500 : 1000,
    measureMs: quick ? 1500 : 3000,
  },
  openStreams: { streams: 2000, tokens: 20, streamMs: quick ? 6000 : 10_000 },
  longThread: {
    messages: 100_000,
    upstream: { ttftMs: 50, tokens: 20, gapMs: 2 },
    runsPerRound: quick ? 2 : 3,
  },
  /** With the gateway's default limits: clients that never read long replies. */
  nonReaders: { clients: 200, tokens: 26_000, runsPerUser: 4 },
  /** With the gateway's default limits: one user runs as many streams as they allow, on huge threads. */
  fairness: {
    threads: 4,
    messagesPerThread: quick ? 10_000 : 25_000,
    upstream: { ttftMs: 50, tokens: 200, gapMs: 5 },
    requestsEach: quick ? 500 : 2000,
    loadMs: quick ? 5000 : 15_000,
  },
};

export type BenchSettings = typeof benchSettings;
