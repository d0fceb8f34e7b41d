import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createHaruClient } from '../src/client.ts';

/** A fetch that records each request's headers and answers an empty object, or an ended stream. */
function recordingFetch() {
  const sent: Array<{ method: string; path: string; headers: Headers }> = [];
  const fetch: typeof globalThis.fetch = async (input, init = {}) => {
    const method = init.method ?? 'GET';
    sent.push({ method, path: new URL(String(input)).pathname, headers: new Headers(init.headers) });
    const streaming = typeof init.body === 'string' && init.body.includes('"stream":true');
    return streaming ? new Response('event: done\ndata: [DONE]\n\n') : new Response('{}');
  };
  return { fetch, sent };
}

test('each create call carries its own Idempotency-Key, and other calls carry none', async () => {
  const { fetch, sent } = recordingFetch();
  const client = createHaruClient({
    baseURL: 'http://haru.test',
    token: 'haru_device',
    fetch,
    transport: 'fetch',
  });
  await client.threads.create();
  await client.threads.create();
  await client.messages.create('thread_1', { role: 'user', content: 'Hello' });
  await client.runs.create('thread_1', { assistant_id: 'asst_1' });
  await client.runs.stream('thread_1', { assistant_id: 'asst_1' }).done();
  await client.threads.retrieve('thread_1');
  await client.runs.cancel('thread_1', 'run_1');

  const keys = sent.map((request) => request.headers.get('idempotency-key'));
  const creates = keys.slice(0, 5);
  assert.ok(
    creates.every((key) =>
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(key ?? ''),
    ),
    `UUIDs on every create: ${creates.join(', ')}`,
  );
  assert.equal(new Set(creates).size, 5, 'a fresh key for each call');
  assert.deepEqual(keys.slice(5), [null, null]);
});

test('a message sent again with the key of its first attempt carries that same key', async () => {
  const { fetch, sent } = recordingFetch();
  const client = createHaruClient({ baseURL: 'http://haru.test', token: 'haru_device', fetch });
  const message = { role: 'user', content: 'Hello' } as const;
  await client.messages.create('thread_1', message, { idempotencyKey: 'message-key-1' });
  await client.messages.create('thread_1', message, { idempotencyKey: 'message-key-1' });
  await client.messages.create('thread_1', message);

  const keys = sent.map((request) => request.headers.get('idempotency-key'));
  assert.deepEqual(keys.slice(0, 2), ['message-key-1', 'message-key-1']);
  assert.notEqual(keys[2], 'message-key-1');
  assert.match(keys[2] ?? '', /^[0-9a-f-]{36}$/);
});
