import assert from 'node:assert/strict';
import { get, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mock, test } from 'node:test';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AppEnv } from '../src/routes/router.ts';
import { runEventStream, startStreams } from '../src/routes/run-event-stream.ts';

/** A run's stream that sends `first`, then its `done` once released; read over HTTP as a client would. */
async function streamHolding(first: string) {
  const { promise: released, resolve: release } = Promise.withResolvers<void>();
  async function* frames() {
    yield first;
    await released;
    yield 'id: 2\nevent: done\ndata: [DONE]\n\n';
  }
  const app = new Hono<AppEnv>().use('*', startStreams).get('/stream', (c) => runEventStream(c, frames()));
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const response = await new Promise<IncomingMessage>((resolve) =>
    get({ host: '127.0.0.1', port, path: '/stream' }, resolve),
  );
  response.setEncoding('utf8');
  const chunks = response[Symbol.asyncIterator]() as AsyncIterator<string>;
  // A client the gateway dropped reads the end of what it got.
  const read = () =>
    chunks.next().then(
      (next) => next.value ?? '',
      () => '',
    );
  const close = () => new Promise((resolve) => server.close(resolve));
  return { response, read, release, close };
}

test('a silent model gets a keep-alive comment after 15 quiet seconds, and not before', async () => {
  mock.timers.enable({ apis: ['setInterval', 'Date'] });
  const { response, read, release, close } = await streamHolding(
    'id: 1\nevent: thread.run.created\ndata: {}\n\n',
  );
  try {
    assert.equal(response.headers['content-type'], 'text/event-stream');
    assert.match(await read(), /event: thread\.run\.created/);
    let arrived = false;
    const next = read().then((chunk) => {
      arrived = true;
      return chunk;
    });
    mock.timers.tick(10_000);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(arrived, false, 'nothing after 10 quiet seconds');
    mock.timers.tick(5_000);
    assert.equal(await next, ': keep-alive\n\n', 'a comment once the stream has been quiet for 15 s');
    release();
    assert.match(await read(), /event: done/);
    assert.equal(await read(), '', 'the stream ends after done');
  } finally {
    mock.timers.reset();
    await close();
  }
});

test('a keep-alive never lands inside a large frame the client is still taking in', async () => {
  mock.timers.enable({ apis: ['setInterval', 'Date'] });
  const large = `id: 1\nevent: thread.message.delta\ndata: ${JSON.stringify({ text: 'x'.repeat(200_000) })}\n\n`;
  const { read, release, close } = await streamHolding(large);
  try {
    let text = await read();
    // A slow client: 20 quiet seconds pass between the frame's first piece and the rest. It may be
    // dropped for it, but whatever it gets is the frame as written.
    mock.timers.tick(20_000);
    release();
    for (let chunk = await read(); chunk; chunk = await read()) text += chunk;
    const framePart = text.slice(0, large.length);
    assert.equal(framePart, large.slice(0, framePart.length), 'nothing inside the frame');
    if (text.length > large.length) assert.match(text.slice(large.length), /^(: keep-alive\n\n)*id: 2\n/);
  } finally {
    mock.timers.reset();
    await close();
  }
});
