import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { serve } from '@hono/node-server';
import RNEventSourceModule from 'react-native-sse';
import { XMLHttpRequest } from 'xmlhttprequest';
import { startFakeUpstream } from './support/fake-upstream.ts';
import { startGateway, type TestGateway, userWithThread } from './support/gateway.ts';
import { type MessageBody, messageText, pollUntil, type RunBody } from './support/gateway-client.ts';

// react-native-sse ships an ES module behind a CommonJS index, so its class is the index's `default`.
const EventSource = RNEventSourceModule.default;

interface SeenRequest {
  method: string;
  path: string;
  lastEventId: string | null;
  body: string;
}

let upstream: Awaited<ReturnType<typeof startFakeUpstream>>;
let gateway: TestGateway;
let server: ReturnType<typeof serve>;
let url: string;
const seen: SeenRequest[] = [];

before(async () => {
  // React Native's XMLHttpRequest reports each chunk as it arrives; the `xmlhttprequest` package does too.
  Object.assign(XMLHttpRequest, { UNSENT: 0, OPENED: 1, HEADERS_RECEIVED: 2, LOADING: 3, DONE: 4 });
  Object.assign(globalThis, { XMLHttpRequest });
  upstream = await startFakeUpstream();
  gateway = await startGateway({ upstreamURL: upstream.baseURL });
  // The gateway behind a front that notes every request, so the test sees each time the client reconnects.
  server = serve({
    hostname: '127.0.0.1',
    port: 0,
    fetch: async (request) => {
      seen.push({
        method: request.method,
        path: new URL(request.url).pathname,
        lastEventId: request.headers.get('last-event-id'),
        body: await request.clone().text(),
      });
      return gateway.app.fetch(request);
    },
  });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  const http = server as unknown as import('node:http').Server;
  http.closeAllConnections();
  await new Promise<void>((resolve) => http.close(() => resolve()));
  await gateway.close();
  await upstream.close();
  Reflect.deleteProperty(globalThis, 'XMLHttpRequest');
});

type RunEvents = 'thread.message.delta' | 'thread.run.completed' | 'done';

test('react-native-sse re-sending the POST after the stream ends, with its default options, creates no second run or text', async () => {
  const { token, assistantId, threadId } = await userWithThread(gateway, '오늘 바다를 봤어');
  const pieces = ['바다를 ', '보셨군요 🌊 ', '어떤 ', '기분이 ', '들었어요?'];
  upstream.next({ pieces, delayMs: 15 });
  const runsPath = `/v1/threads/${threadId}/runs`;
  const body = JSON.stringify({ assistant_id: assistantId, stream: true });

  const deltas: string[] = [];
  const errors: unknown[] = [];
  let opens = 0;
  let doneEventId: string | null = null;
  const source = new EventSource<RunEvents>(`${url}${runsPath}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body,
  });
  source.addEventListener('open', () => {
    opens++;
  });
  source.addEventListener('thread.message.delta', (event) => {
    const delta = JSON.parse(event.data ?? '{}') as {
      delta: { content: Array<{ text: { value: string } }> };
    };
    deltas.push(delta.delta.content.map((part) => part.text.value).join(''));
  });
  source.addEventListener('done', (event) => {
    doneEventId ??= event.lastEventId;
  });
  source.addEventListener('error', (event) => {
    errors.push(event);
  });

  try {
    // The library polls again five seconds after each response ends. A second reconnect shows the
    // first one's response was read to its end, so anything it replayed has been delivered.
    const reconnects = () =>
      seen.filter((request) => request.method === 'POST' && request.lastEventId !== null);
    await pollUntil(
      'the client to reconnect twice',
      async () => (reconnects().length >= 2 ? true : undefined),
      {
        guardMs: 30_000,
      },
    );

    assert.ok(doneEventId, 'the first stream ended with done');
    for (const reconnect of reconnects()) {
      assert.deepEqual(reconnect, { method: 'POST', path: runsPath, lastEventId: doneEventId, body });
    }
    assert.ok(opens >= 2, 'the reconnects were answered, not refused');
    assert.deepEqual(errors, []);

    const runs = await gateway.call<{ data: RunBody[] }>(runsPath, { token });
    assert.equal(runs.data.length, 1, 'one run on the thread, whatever the client re-sent');
    assert.equal(runs.data[0]?.status, 'completed');
    const replies = await gateway.call<{ data: MessageBody[] }>(
      `/v1/threads/${threadId}/messages?run_id=${runs.data[0]?.id}`,
      { token },
    );
    assert.equal(
      deltas.join(''),
      messageText(replies.data[0] as MessageBody),
      'the text shown is the reply, once',
    );
    assert.equal(deltas.join(''), pieces.join(''));
  } finally {
    source.close();
  }
});
