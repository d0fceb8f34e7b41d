import assert from 'node:assert/strict';
import { test } from 'node:test';
import { afterFailedAttempt, retryAfterMs, retryDelay } from '../src/providers/retry-policy.ts';
import { errorPart } from '../src/providers/upstream-errors.ts';

const policy = { maxTotalMs: 20_000, baseDelayMs: 500 };
const now = Date.parse('2026-11-25T12:00:00Z');
const noJitter = () => 0;
const fullJitter = () => 1;

test('Retry-After is read as delay-seconds or as an HTTP date', () => {
  assert.equal(retryAfterMs('7', now), 7000);
  assert.equal(retryAfterMs(' 0 ', now), 0);
  assert.equal(retryAfterMs('Wed, 25 Nov 2026 12:00:30 GMT', now), 30_000);
  assert.equal(retryAfterMs('Wed, 25 Nov 2026 11:59:00 GMT', now), 0, 'a date in the past means now');
  assert.equal(retryAfterMs(undefined, now), undefined);
  assert.equal(retryAfterMs('soon', now), undefined);
  assert.equal(retryAfterMs('-5', now), undefined);
});

test('waits double from attempt to attempt, and jitter takes at most half off', () => {
  const delays = [1, 2, 3, 4].map((attempt) =>
    retryDelay(policy, { attempt, elapsedMs: 0, retryAfter: undefined }, now, noJitter),
  );
  assert.deepEqual(delays, [500, 1000, 2000, 4000]);
  assert.equal(
    retryDelay(policy, { attempt: 3, elapsedMs: 0, retryAfter: undefined }, now, fullJitter),
    1000,
  );
});

test('a Retry-After longer than the backoff is waited out; a shorter one does not shorten it', () => {
  const failed = { attempt: 1, elapsedMs: 0 };
  assert.equal(retryDelay(policy, { ...failed, retryAfter: '3' }, now, noJitter), 3000);
  assert.equal(retryDelay(policy, { ...failed, retryAfter: '0' }, now, noJitter), 500);
});

test('retries stop when the time is spent, or when the upstream asks for more than is left', () => {
  assert.equal(retryDelay(policy, { attempt: 9, elapsedMs: 20_000, retryAfter: undefined }, now), undefined);
  assert.equal(retryDelay(policy, { attempt: 1, elapsedMs: 15_000, retryAfter: '6' }, now), undefined);
  assert.equal(
    retryDelay(policy, { attempt: 6, elapsedMs: 19_000, retryAfter: undefined }, now, noJitter),
    1000,
    'the last wait is cut short so one more attempt lands within the time',
  );
});

test('a failure that is not retried is reported, unless the request was cancelled meanwhile', async () => {
  const failure = { part: errorPart('invalid_prompt', 'rejected', 'HTTP 400'), retryable: false };
  const attempt = (signal: AbortSignal) => ({ number: 1, startedAt: performance.now(), signal });
  assert.equal(await afterFailedAttempt(policy, failure, attempt(new AbortController().signal)), 'final');
  assert.equal(await afterFailedAttempt(policy, failure, attempt(AbortSignal.abort())), 'cancelled');
});
