import type { RunEngine } from '../engine/run-engine.ts';
import type { Stores } from '../storage/stores.ts';
import { utcDay } from '../storage/usage-store.ts';
import type { Limits } from './limits.ts';
import { rateLimited } from './rate-limited.ts';

type RunLimits = Pick<Limits, 'runsPerUser' | 'tokensPerDay'>;

/**
 * The engine, refusing a run over its user's limits before anything is stored: too many runs generating
 * at once, or the day's model tokens used up. The same holds for a run going on after tool outputs. The
 * check runs in the transaction that would store the run, so a burst of requests cannot all slip past it
 * together.
 */
export function withRunQuota(engine: RunEngine, limits: RunLimits): RunEngine {
  const tokensToday = todaysTokens();
  return {
    ...engine,
    begin: (userId, prepare) =>
      engine.begin(userId, async (tx) => {
        await checkRunQuota(tx, userId, limits, tokensToday);
        return prepare(tx);
      }),
    submitToolOutputs: (userId, run, outputs) =>
      engine.submitToolOutputs(userId, run, outputs, (tx) => checkRunQuota(tx, userId, limits, tokensToday)),
  };
}

/**
 * Each user's model tokens today, kept as a running total: each look reads only the runs that ended
 * since the last, so a busy user's check does not grow with their day.
 */
function todaysTokens() {
  const tallies = new Map<string, { dayStartMs: number; tokens: number; seenUntil: number }>();
  return async (tx: Stores, userId: string, dayStartMs: number): Promise<number> => {
    const known = tallies.get(userId);
    const tally =
      known?.dayStartMs === dayStartMs ? known : { dayStartMs, tokens: 0, seenUntil: dayStartMs - 1 };
    const ended = await tx.usage.tokensEndedAfter(userId, tally.seenUntil);
    const next = {
      dayStartMs,
      tokens: tally.tokens + ended.tokens,
      seenUntil: ended.lastEndedAt ?? tally.seenUntil,
    };
    tallies.set(userId, next);
    return next.tokens;
  };
}

async function checkRunQuota(
  tx: Stores,
  userId: string,
  limits: RunLimits,
  tokensToday: ReturnType<typeof todaysTokens>,
) {
  const overrides = await tx.users.quotas(userId);
  const runsAllowed = overrides?.max_concurrent_runs ?? limits.runsPerUser;
  if ((await tx.usage.generatingRuns(userId)) >= runsAllowed) {
    throw rateLimited(
      `You have ${runsAllowed} ${runsAllowed === 1 ? 'run' : 'runs'} in progress, as many as this gateway allows at once: wait for one to end.`,
      1000,
    );
  }
  const tokensAllowed = overrides?.tokens_per_day ?? limits.tokensPerDay;
  const today = utcDay(Date.now());
  if ((await tokensToday(tx, userId, today.startMs)) >= tokensAllowed) {
    throw rateLimited(
      `You have used today's ${tokensAllowed} model tokens on this gateway; the allowance renews at midnight UTC.`,
      today.msLeft,
      'tokens',
    );
  }
}
