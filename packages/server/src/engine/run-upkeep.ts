import type { Logger } from 'pino';
import { nowSeconds } from '../ids.ts';
import type { Run } from '../schemas/run.ts';
import type { Stores } from '../storage/stores.ts';
import { runErrors } from './run-errors.ts';
import type { RunInput } from './run-state.ts';

/** Kept for resuming streams after a run ends; OpenAI promises nothing here, clients need a few minutes. */
const eventRetentionMs = 60 * 60 * 1000;

export interface RunUpkeepDeps {
  stores: Stores;
  instanceId: string;
  leaseMs: number;
  logger: Logger;
  /** Runs this process is generating. */
  local: { size: number; has(runId: string): boolean };
  stopLocal: (runId: string) => void;
  closeStored: (userId: string, run: Run, inputs: RunInput[]) => Promise<Run>;
}

/**
 * What keeps runs honest across processes: this instance's leases renewed, cancels asked elsewhere
 * picked up, runs a dead instance left behind closed, and old stream events forgotten.
 */
export function createRunUpkeep({
  stores,
  instanceId,
  leaseMs,
  logger,
  local,
  stopLocal,
  closeStored,
}: RunUpkeepDeps) {
  /** Closes runs whose holder stopped renewing its lease (a crashed process) and runs past waiting for tools. */
  async function closeAbandoned(): Promise<number> {
    const abandoned = (await stores.runs.abandoned(Date.now(), instanceId)).filter(
      ({ run }) => !local.has(run.id),
    );
    const at = nowSeconds();
    for (const { userId, run } of abandoned) {
      await closeStored(userId, run, [{ type: 'fail', at, error: runErrors.abandoned }]);
    }
    for (const { userId, run } of await stores.runs.waitingPast(at)) {
      await closeStored(userId, run, [{ type: 'expire', at }]);
    }
    if (abandoned.length > 0)
      logger.warn({ runs: abandoned.length }, 'closed runs a stopped gateway left unfinished');
    return abandoned.length;
  }

  let lastLeaseRenewal = 0;
  let lastSweep = 0;
  /** Keeps this instance's leases alive, picks up cancels asked elsewhere, and tidies old runs. */
  async function maintain() {
    const now = Date.now();
    if (local.size > 0) {
      if (now - lastLeaseRenewal >= leaseMs / 3) {
        lastLeaseRenewal = now;
        await stores.runs.renewLeases(instanceId, now + leaseMs);
      }
      for (const runId of await stores.runs.cancelRequested(instanceId)) stopLocal(runId);
    }
    if (now - lastSweep >= 30_000) {
      lastSweep = now;
      await closeAbandoned();
      await stores.events.removeEndedBefore(now - eventRetentionMs);
    }
  }
  let maintenance: ReturnType<typeof setInterval> | undefined;

  return {
    closeAbandoned,

    /** Starts the background upkeep, once a second. */
    start(everyMs = 1000) {
      maintenance ??= setInterval(() => {
        maintain().catch((error: unknown) => logger.error({ err: error }, 'run upkeep failed'));
      }, everyMs).unref();
    },

    stop() {
      if (maintenance) clearInterval(maintenance);
      maintenance = undefined;
    },
  };
}
