import type { ExpressionBuilder, Kysely } from 'kysely';
import type { IdempotencyKeyTable, Tables } from './tables.ts';

export type IdempotencyRecord = Pick<
  IdempotencyKeyTable,
  'body_hash' | 'created_at' | 'status' | 'response' | 'thread_id' | 'run_id'
>;

/** What a repeat of a create gets: the JSON answered, or the run whose stream was answered. */
export interface IdempotentAnswer {
  status: number;
  response: string | null;
  threadId: string | null;
  runId: string | null;
}

type KeyRows = ExpressionBuilder<Tables, 'idempotency_keys'>;

/** Create requests made with an `Idempotency-Key`: claimed by the first, answered for every repeat. */
export function idempotencyStore(db: Kysely<Tables>) {
  const theKey = (userId: string, path: string, key: string) => (eb: KeyRows) =>
    eb.and([eb('user_id', '=', userId), eb('path', '=', path), eb('key', '=', key)]);
  /** The key while the claim made at `claimedAt` holds it, unanswered. */
  const theClaim = (userId: string, path: string, key: string, claimedAt: number) => (eb: KeyRows) =>
    eb.and([theKey(userId, path, key)(eb), eb('status', 'is', null), eb('created_at', '=', claimedAt)]);

  return {
    /** True when this request is the first with the key; false when another already claimed it. */
    async claim(userId: string, path: string, key: string, bodyHash: string, now: number): Promise<boolean> {
      const result = await db
        .insertInto('idempotency_keys')
        .values({
          user_id: userId,
          path,
          key,
          body_hash: bodyHash,
          created_at: now,
          status: null,
          response: null,
          thread_id: null,
          run_id: null,
        })
        .onConflict((conflict) => conflict.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    find: (userId: string, path: string, key: string): Promise<IdempotencyRecord | undefined> =>
      db
        .selectFrom('idempotency_keys')
        .where(theKey(userId, path, key))
        .select(['body_hash', 'created_at', 'status', 'response', 'thread_id', 'run_id'])
        .executeTakeFirst(),

    /**
     * Keeps the answer for the claim made at `claimedAt`; throws if that claim is gone (another instance
     * took it over as dead), so a create in the same transaction is undone rather than made twice.
     */
    async answer(userId: string, path: string, key: string, claimedAt: number, answer: IdempotentAnswer) {
      const result = await db
        .updateTable('idempotency_keys')
        .set({
          status: answer.status,
          response: answer.response,
          thread_id: answer.threadId,
          run_id: answer.runId,
        })
        .where(theClaim(userId, path, key, claimedAt))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw new Error('The Idempotency-Key claim was taken over.');
    },

    /**
     * Lets go of the claim made at `claimedAt` while it is unanswered: a request that failed can be tried
     * again with its key, and a claim whose process died can be taken over. An answered key stays.
     */
    async release(userId: string, path: string, key: string, claimedAt: number) {
      await db
        .deleteFrom('idempotency_keys')
        .where(theClaim(userId, path, key, claimedAt))
        .execute();
    },

    async removeForUser(userId: string) {
      await db.deleteFrom('idempotency_keys').where('user_id', '=', userId).execute();
    },

    async removeOlderThan(createdBefore: number) {
      await db.deleteFrom('idempotency_keys').where('created_at', '<', createdBefore).execute();
    },
  };
}
