import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Hono } from 'hono';
import type { RunEvent } from '../src/engine/run-event-log.ts';
import { runEventStream } from '../src/routes/run-event-stream.ts';

async function* slowEvents(): AsyncGenerator<RunEvent> {
  yield { id: 1, event: 'thread.run.created', data: { id: 'run_1' } };
  await sleep(200);
  yield { id: 2, event: 'done', data: '[DONE]' };
}

test('a silent model still sends keep-alive comments, and none while events flow', async () => {
  const app = new Hono().get('/stream', (c) => runEventStream(c, slowEvents(), 45));
  const body = await (await app.request('/stream')).text();
  assert.match(body, /event: thread\.run\.created[\s\S]*: keep-alive\n\n[\s\S]*event: done/);
  const quiet = new Hono().get('/stream', (c) => runEventStream(c, slowEvents(), 10_000));
  assert.doesNotMatch(await (await quiet.request('/stream')).text(), /keep-alive/);
});
