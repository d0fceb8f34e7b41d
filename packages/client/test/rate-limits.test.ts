import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createHaruClient } from '../src/client.ts';
import { HaruApiError } from '../src/errors.ts';
import { retryAfterMs } from '../src/http.ts';

/** A fetch that answers each request with the next of `answers`, recording what was asked. */
function answering(...answers: Array<() => Response>) {
  const asked: Array<{ method: string; key: string | null }> = [];
  const fetch: typeof globalThis.fetch = async (_input, init = {}) => {
    asked.push({ method: init.method ?? 'GET', key: new Headers(init.headers).get('idempotency-key') });
    const answer = answers.shift();
    if (!answer) throw new Error('asked once too often');
    return answer();
  };
  return { fetch, asked };
}

const limited = (retryAfter: string) =>
  new Response(
    JSON.stringify({
      error: { message: 'Rate limit reached.', type: 'requests', code: 'rate_limit_exceeded' },
    }),
    {
      status: 429,
      headers: { 'retry-after': retryAfter },
    },
  );
const thread = () => new Response(JSON.stringify({ id: 'thread_1', object: 'thread' }));

test('a limit that lifts soon is waited out, and a create is sent again with the same Idempotency-Key', async () => {
  const { fetch, asked } = answering(
    () => limited('0'),
    () => limited('0'),
    thread,
  );
  const client = createHaruClient({ baseURL: 'http://haru.test', token: 't', fetch, transport: 'fetch' });
  const created = await client.threads.create();
  assert.equal(created.id, 'thread_1');
  assert.equal(asked.length, 3);
  assert.equal(new Set(asked.map((request) => request.key)).size, 1, 'one object, asked for three times');
});

test('a limit that lasts (a day’s tokens) is the caller’s to show, at once', async () => {
  const { fetch, asked } = answering(() => limited('3600'));
  const client = createHaruClient({ baseURL: 'http://haru.test', token: 't', fetch, transport: 'fetch' });
  await assert.rejects(client.threads.retrieve('thread_1'), (error: unknown) => {
    assert.ok(error instanceof HaruApiError);
    assert.equal(error.status, 429);
    return true;
  });
  assert.equal(asked.length, 1);
});

test('a limit still there after a few tries is shown', async () => {
  const { fetch, asked } = answering(...Array.from({ length: 4 }, () => () => limited('0')));
  const client = createHaruClient({ baseURL: 'http://haru.test', token: 't', fetch, transport: 'fetch' });
  await assert.rejects(client.threads.retrieve('thread_1'), { status: 429 });
  assert.equal(asked.length, 4);
});

test('Retry-After in seconds or as a date', () => {
  const now = Date.parse('2026-11-27T12:00:00Z');
  assert.equal(retryAfterMs('9', now), 9000);
  assert.equal(retryAfterMs('Fri, 27 Nov 2026 12:00:30 GMT', now), 30_000);
  assert.equal(retryAfterMs(null, now), undefined);
  assert.equal(retryAfterMs('soon', now), undefined);
});
