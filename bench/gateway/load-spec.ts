import type { GatewayUser } from './gateway-api.ts';

export type LoadTarget =
  | { kind: 'chat-completions'; url: string }
  /** Without `threadIds`, the load generator opens a fresh thread for each slot. */
  | { kind: 'gateway'; url: string; users: GatewayUser[]; threadIds?: string[] };

/** A number of streams per slot, or a closed loop for a while. */
export type LoadAmount = { streams: number } | { ms: number };

/** One measurement, as the bench hands it to a load generator process. */
export interface LoadSpec {
  target: LoadTarget;
  concurrency: number;
  warmup?: LoadAmount;
  measure: LoadAmount;
  expectedText: string;
  timeoutMs: number;
  /**
   * Slots start spread evenly over this long and go on from their warm-up to their measured streams
   * without waiting for one another, as independent clients do: the load is steady, not one burst of
   * `concurrency` runs repeated. No CPU time is read.
   */
  staggerMs?: number;
  /** Processes whose CPU time is read at the start and end of the measured phase, by name. */
  cpuPids?: Record<string, number>;
}

export interface LoadResult {
  /** Time to first token of each measured stream that produced any content. */
  ttftMs: number[];
  streams: number;
  complete: number;
  /** A few distinct reasons streams were incomplete. */
  errors: string[];
  elapsedMs: number;
  cpuMs: Record<string, number>;
  /** The most streams that had received content and not yet ended, at any one time. */
  maxStreaming: number;
}
