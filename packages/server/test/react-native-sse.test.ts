import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import RNEventSourceModule from 'react-native-sse';
import { XMLHttpRequest } from 'xmlhttprequest';
import { startFakeUpstream } from './support/fake-upstream.ts';
import { startGateway, type TestGateway, userWithThread } from './support/gateway.ts';

// react-native-sse ships an ES module behind a CommonJS index, so its class is the index's `default`.
const EventSource = RNEventSourceModule.default;

let upstream: Awaited<ReturnType<typeof startFakeUpstream>>;
let gateway: TestGateway;

before(async () => {
  // React Native's XMLHttpRequest reports each chunk as it arrives; the `xmlhttprequest` package does too.
  Object.assign(XMLHttpRequest, { UNSENT: 0, OPENED: 1, HEADERS_RECEIVED: 2, LOADING: 3, DONE: 4 });
  Object.assign(globalThis, { XMLHttpRequest });
  upstream = await startFakeUpstream();
  gateway = await startGateway({ upstreamURL: upstream.baseURL });
  await gateway.listen();
});

after(async () => {
  await gateway.close();
  await upstream.close();
  Reflect.deleteProperty(globalThis, 'XMLHttpRequest');
});

type RunEvents = 'thread.run.created' | 'thread.message.delta' | 'thread.run.completed' | 'done';

test('react-native-sse streams a run with a POST body and OpenAI’s custom event names', async () => {
  const { token, assistantId, threadId } = await userWithThread(gateway, '오늘 친구를 만났어');
  const pieces = ['친구를 ', '만나서 ', '반가웠겠어요 😊 ', '무슨 이야기를 ', '나눴어요?'];
  upstream.next({ pieces, delayMs: 15 });

  const deltas: string[] = [];
  const seen: string[] = [];
  const finished = new Promise<void>((resolve, reject) => {
    const source = new EventSource<RunEvents>(`${gateway.url}/v1/threads/${threadId}/runs`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ assistant_id: assistantId, stream: true }),
      pollingInterval: 0,
      timeoutBeforeConnection: 0,
    });
    source.addEventListener('thread.run.created', () => seen.push('thread.run.created'));
    source.addEventListener('thread.message.delta', (event) => {
      const delta = JSON.parse(event.data ?? '{}') as {
        delta: { content: Array<{ text: { value: string } }> };
      };
      deltas.push(delta.delta.content[0]?.text.value ?? '');
    });
    source.addEventListener('thread.run.completed', () => seen.push('thread.run.completed'));
    source.addEventListener('done', (event) => {
      seen.push(`done:${event.data}`);
      source.close();
      resolve();
    });
    source.addEventListener('error', (event) => {
      source.close();
      reject(new Error(`EventSource error: ${JSON.stringify(event)}`));
    });
  });
  await finished;

  assert.deepEqual(deltas, pieces, 'every delta arrives once, in order, intact');
  assert.deepEqual(seen, ['thread.run.created', 'thread.run.completed', 'done:[DONE]']);
  const runs = await gateway.call<{ data: unknown[] }>(`/v1/threads/${threadId}/runs`, { token });
  assert.equal(runs.data.length, 1, 'the POST was sent once');
});
