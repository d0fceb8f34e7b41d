import { HaruConnectionError } from './errors.ts';
import type { Http } from './http.ts';
import { type Run, terminalRunStatuses } from './types.ts';

export interface PollOptions {
  /** Waits between polls; the last one repeats. */
  intervalsMs?: number[];
  /** Give up after this long (runs expire after ten minutes on the server). */
  timeoutMs?: number;
  /** Connection failures in a row tolerated before giving up. */
  retries?: number;
  signal?: AbortSignal;
}

const defaults = {
  intervalsMs: [250, 500, 1000, 1500, 2000],
  timeoutMs: 11 * 60 * 1000,
  retries: 8,
} satisfies PollOptions;

/**
 * Retrieves a run until it reaches a terminal status or waits for function outputs, backing off between
 * polls and across dropped connections.
 */
export async function pollRunUntilDone(
  http: Http,
  threadId: string,
  runId: string,
  options: PollOptions = {},
): Promise<Run> {
  const { intervalsMs, timeoutMs, retries } = { ...defaults, ...options };
  const deadline = Date.now() + timeoutMs;
  let failures = 0;
  for (let attempt = 0; ; attempt++) {
    try {
      const run = await http.request<Run>('GET', `/v1/threads/${threadId}/runs/${runId}`, {
        signal: options.signal,
      });
      failures = 0;
      if (terminalRunStatuses.includes(run.status) || run.status === 'requires_action') return run;
    } catch (error) {
      if (!(error instanceof HaruConnectionError) || ++failures > retries) throw error;
    }
    if (Date.now() > deadline)
      throw new HaruConnectionError(`Run ${runId} did not finish within ${timeoutMs} ms.`);
    const wait = intervalsMs[Math.min(attempt, intervalsMs.length - 1)] ?? 1000;
    await sleep(failures > 0 ? wait * 2 ** Math.min(failures, 4) : wait, options.signal);
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
