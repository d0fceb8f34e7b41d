import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { ApiError, badRequest } from '../errors.ts';
import type { Database } from '../storage/database.ts';
import {
  type IdempotencyRecord,
  type IdempotentAnswer,
  idempotencyStore,
} from '../storage/idempotency-store.ts';
import { ownedRun } from '../storage/owned-lookups.ts';
import { inTransaction, type Stores, storesFor } from '../storage/stores.ts';
import { lastEventId } from './resume.ts';
import type { AppEnv, RouteDeps } from './router.ts';
import { runEventStream } from './run-event-stream.ts';

const keyLifetimeMs = 24 * 60 * 60 * 1000;
const maxKeyLength = 255;
/** How long a repeat waits for the first request with its key to be answered. */
const waitForFirstMs = 30_000;

/** POSTs that create something: assistants, threads, messages, runs, and a thread with a run. */
const createPaths = /^\/v1\/(assistants|threads|threads\/runs|threads\/[^/]+\/(messages|runs))$/;

/**
 * `Idempotency-Key` on a create: the first request with a key makes the object; a repeat by the same
 * user on the same path within 24 hours gets the same answer (a streamed run streams again) and makes
 * nothing. The same key with a different body is refused.
 */
export function idempotentCreates(deps: RouteDeps) {
  const keys = idempotencyStore(deps.db);
  const stores = storesFor(deps.db);
  const inFlight = new Map<string, Promise<void>>();
  let lastSweep = 0;

  return createMiddleware<AppEnv>(async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (key === undefined || c.req.method !== 'POST' || !createPaths.test(c.req.path)) return next();
    if (key.length === 0 || key.length > maxKeyLength) {
      throw badRequest(
        `The Idempotency-Key header must be 1 to ${maxKeyLength} characters.`,
        'Idempotency-Key',
      );
    }
    const userId = c.var.userId;
    const path = c.req.path;
    const bodyHash = createHash('sha256')
      .update(await c.req.text())
      .digest('hex');
    const now = Date.now();
    if (now - lastSweep > 10 * 60 * 1000) {
      lastSweep = now;
      await keys.removeOlderThan(now - keyLifetimeMs);
    }
    const local = `${userId}\n${path}\n${key}`;

    for (let attempt = 0; attempt < 3; attempt++) {
      const claimedAt = Date.now();
      if (await keys.claim(userId, path, key, bodyHash, claimedAt)) {
        let done: () => void = () => undefined;
        inFlight.set(
          local,
          new Promise<void>((resolve) => {
            done = resolve;
          }),
        );
        let keptWithCreate = false;
        c.set('keepIdempotentAnswer', async (tx, answer) => {
          await tx.idempotency.answer(userId, path, key, claimedAt, answer);
          keptWithCreate = true;
        });
        try {
          try {
            await next();
          } catch (error) {
            await keys.release(userId, path, key, claimedAt);
            throw error;
          }
          if (!c.res.ok) await keys.release(userId, path, key, claimedAt);
          else if (!keptWithCreate) {
            // Answered without a create's transaction (a reconnect's stream): kept after the answer. What
            // it answered exists already, so its caller gets it even if it cannot be kept for repeats.
            await keys
              .answer(userId, path, key, claimedAt, await answerOf(c))
              .catch((error: unknown) =>
                deps.logger.error({ err: error }, 'could not store an idempotent answer'),
              );
          }
        } finally {
          inFlight.delete(local);
          done();
        }
        return;
      }
      const record = await settledRecord(local, userId, path, key);
      if (!record) continue; // The first request failed and let the key go: this one goes ahead.
      if (record === 'in-use') break;
      if (record.body_hash !== bodyHash) {
        throw new ApiError(
          409,
          'This Idempotency-Key was already used with a different request body. Use a new key for a new request.',
          { code: 'idempotency_key_reused', param: 'Idempotency-Key' },
        );
      }
      if (record.run_id && record.thread_id) {
        const run = await ownedRun(stores, userId, record.thread_id, record.run_id);
        return runEventStream(c, deps.engine.events(userId, run, lastEventId(c, 'header') ?? 0));
      }
      return c.body(record.response ?? '', (record.status ?? 200) as 200, {
        'content-type': 'application/json',
      });
    }
    throw new ApiError(409, 'Another request with this Idempotency-Key is still being answered; try again.', {
      code: 'idempotency_key_in_use',
    });
  });

  /**
   * The record once its first request has been answered; undefined if it let the key go (or left it
   * unanswered by dying mid-request); 'in-use' if it is still being answered after a long wait.
   */
  async function settledRecord(
    local: string,
    userId: string,
    path: string,
    key: string,
  ): Promise<IdempotencyRecord | undefined | 'in-use'> {
    const deadline = Date.now() + waitForFirstMs;
    while (true) {
      const record = await keys.find(userId, path, key);
      if (!record) return undefined;
      if (record.status !== null) {
        if (record.created_at < Date.now() - keyLifetimeMs) {
          await keys.removeOlderThan(Date.now() - keyLifetimeMs);
          return undefined;
        }
        return record;
      }
      const first = inFlight.get(local);
      // Creates take milliseconds: a claim this long unanswered, and not by this process, is a dead one's.
      if (!first && record.created_at < Date.now() - waitForFirstMs) {
        await keys.release(userId, path, key, record.created_at);
        return undefined;
      }
      if (Date.now() > deadline) return 'in-use';
      // Same process: wait for the first request itself; another instance: look again shortly.
      await (first ?? sleep(50));
    }
  }
}

/**
 * Runs a create's transaction and keeps in it the answer (the created object as JSON) that repeats of
 * its Idempotency-Key get: a crash can never leave the object made and its key unanswered, which would
 * let a retry make it again.
 */
export function createKeepingAnswer<T>(
  c: Context<AppEnv>,
  db: Database,
  create: (tx: Stores) => Promise<T>,
): Promise<T> {
  return inTransaction(db, async (tx) => {
    const created = await create(tx);
    await keepAnswer(c, tx, jsonAnswer(created));
    return created;
  });
}

/** Keeps, in `tx`, the answer a repeat of this create's Idempotency-Key gets; nothing without a key. */
export async function keepAnswer(c: Context<AppEnv>, tx: Stores, answer: IdempotentAnswer): Promise<void> {
  await c.var.keepIdempotentAnswer?.(tx, answer);
}

export const jsonAnswer = (body: unknown): IdempotentAnswer => ({
  status: 200,
  response: JSON.stringify(body),
  threadId: null,
  runId: null,
});

export const streamAnswer = (run: { thread_id: string; id: string }): IdempotentAnswer => ({
  status: 200,
  response: null,
  threadId: run.thread_id,
  runId: run.id,
});

async function answerOf(c: Context<AppEnv>): Promise<IdempotentAnswer> {
  const streamed = c.var.streamedRun;
  if (streamed) return streamAnswer(streamed);
  return { status: c.res.status, response: await c.res.clone().text(), threadId: null, runId: null };
}
