import type { RunEngine } from '../engine/run-engine.ts';
import { nowSeconds } from '../ids.ts';
import type { Stores } from '../storage/stores.ts';
import { utcDay } from '../storage/usage-store.ts';
import type { Limits } from './limits.ts';
import { rateLimited } from './rate-limited.ts';

/**
 * The engine, refusing a run over its user's limits before anything is stored: too many runs active at
 * once, or the day's model tokens used up. The check runs in the transaction that would store the run,
 * so a burst of requests cannot all slip past it together.
 */
export function withRunQuota(
  engine: RunEngine,
  limits: Pick<Limits, 'runsPerUser' | 'tokensPerDay'>,
): RunEngine {
  return {
    ...engine,
    begin: (userId, prepare) =>
      engine.begin(userId, async (tx) => {
        await checkRunQuota(tx, userId, limits);
        return prepare(tx);
      }),
  };
}

async function checkRunQuota(
  tx: Stores,
  userId: string,
  limits: Pick<Limits, 'runsPerUser' | 'tokensPerDay'>,
) {
  const overrides = await tx.users.quotas(userId);
  const { usage } = tx;
  const runsAllowed = overrides?.max_concurrent_runs ?? limits.runsPerUser;
  if ((await usage.activeRuns(userId)) >= runsAllowed) {
    throw rateLimited(
      `You have ${runsAllowed} runs in progress, as many as this gateway allows at once: wait for one to end.`,
      1000,
    );
  }
  const tokensAllowed = overrides?.tokens_per_day ?? limits.tokensPerDay;
  const today = utcDay(nowSeconds());
  if ((await usage.tokensSince(userId, today.start)) >= tokensAllowed) {
    throw rateLimited(
      `You have used today's ${tokensAllowed} model tokens on this gateway; the allowance renews at midnight UTC.`,
      today.secondsLeft * 1000,
      'tokens',
    );
  }
}
