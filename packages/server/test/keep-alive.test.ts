import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import { Hono } from 'hono';
import { runEventStream } from '../src/routes/run-event-stream.ts';

test('a silent model gets a keep-alive comment after 15 quiet seconds, and not before', async () => {
  mock.timers.enable({ apis: ['setInterval', 'Date'] });
  try {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    async function* frames() {
      yield 'id: 1\nevent: thread.run.created\ndata: {}\n\n';
      await released;
      yield 'id: 2\nevent: done\ndata: [DONE]\n\n';
    }
    const app = new Hono().get('/stream', (c) => runEventStream(c, frames()));
    const reader = (await app.request('/stream')).body?.getReader();
    assert.ok(reader);
    const decoder = new TextDecoder();
    const read = async () => decoder.decode((await reader.read()).value);

    assert.match(await read(), /event: thread\.run\.created/);
    mock.timers.tick(14_000);
    mock.timers.tick(1_000);
    mock.timers.tick(5_000);
    assert.equal(await read(), ': keep-alive\n\n', 'a comment once the stream has been quiet for 15 s');
    release();
    assert.match(await read(), /event: done/);
    assert.equal((await reader.read()).done, true);
  } finally {
    mock.timers.reset();
  }
});
