import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import { Hono } from 'hono';
import { runEventStream } from '../src/routes/run-event-stream.ts';

/** A run's stream that sends `first`, then its `done` once released; read as a client would. */
async function streamHolding(first: string) {
  const { promise: released, resolve: release } = Promise.withResolvers<void>();
  async function* frames() {
    yield first;
    await released;
    yield 'id: 2\nevent: done\ndata: [DONE]\n\n';
  }
  const app = new Hono().get('/stream', (c) => runEventStream(c, frames()));
  const reader = (await app.request('/stream')).body?.getReader();
  assert.ok(reader);
  return { reader, release };
}

test('a silent model gets a keep-alive comment after 15 quiet seconds, and not before', async () => {
  mock.timers.enable({ apis: ['setInterval', 'Date'] });
  try {
    const { reader, release } = await streamHolding('id: 1\nevent: thread.run.created\ndata: {}\n\n');
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

test('a keep-alive never lands inside a large frame the client is still taking in pieces', async () => {
  mock.timers.enable({ apis: ['setInterval', 'Date'] });
  try {
    const large = `id: 1\nevent: thread.message.delta\ndata: ${JSON.stringify({ text: 'x'.repeat(200_000) })}\n\n`;
    const { reader, release } = await streamHolding(large);
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value, { stream: true });
    // A slow client: 20 quiet seconds pass between the frame's first piece and the rest.
    mock.timers.tick(20_000);
    while (text.length < large.length) text += decoder.decode((await reader.read()).value, { stream: true });
    assert.equal(text.slice(0, large.length), large, 'the frame arrives whole, with nothing inside it');
    release();
    while (!text.includes('event: done')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    assert.match(text, /event: done/);
  } finally {
    mock.timers.reset();
  }
});
