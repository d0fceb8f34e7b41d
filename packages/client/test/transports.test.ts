import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HaruApiError, HaruConnectionError } from '../src/errors.ts';
import { fetchTransport } from '../src/stream/fetch-transport.ts';
import type { SseMessage } from '../src/stream/sse-decoder.ts';
import type { SseTransport } from '../src/stream/transport.ts';
import { xhrTransport } from '../src/stream/xhr-transport.ts';

const body = 'event: thread.message.delta\ndata: {"v":"오늘 🌸"}\n\nevent: done\ndata: [DONE]\n\n';
const expected = [
  { event: 'thread.message.delta', data: '{"v":"오늘 🌸"}', id: undefined },
  { event: 'done', data: '[DONE]', id: undefined },
];

const request = () => ({
  url: 'http://haru.test/v1/x',
  method: 'POST' as const,
  headers: {},
  signal: new AbortController().signal,
});

async function collect(transport: SseTransport) {
  const messages: SseMessage[] = [];
  for await (const message of transport(request())) messages.push(message);
  return messages;
}

function byteFetch(bytes: Uint8Array, size: number, status = 200, breakOff = false): typeof fetch {
  return async () =>
    new Response(
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (let at = 0; at < bytes.length; at += size) controller.enqueue(bytes.subarray(at, at + size));
          if (breakOff) controller.error(new TypeError('terminated'));
          else controller.close();
        },
      }),
      { status },
    );
}

test('fetch transport parses events whose UTF-8 bytes arrive split at every position', async () => {
  const bytes = new TextEncoder().encode(body);
  for (const size of [1, 2, 3, 5, bytes.length]) {
    assert.deepEqual(
      await collect(fetchTransport(byteFetch(bytes, size))),
      expected,
      `reads of ${size} bytes`,
    );
  }
});

test('fetch transport turns an error answer into a typed error and a broken stream into a connection error', async () => {
  const errorBody = new TextEncoder().encode(
    JSON.stringify({
      error: { message: 'No thread found', type: 'invalid_request_error', code: null, param: null },
    }),
  );
  await assert.rejects(collect(fetchTransport(byteFetch(errorBody, 100, 404))), (error: unknown) => {
    return error instanceof HaruApiError && error.status === 404 && error.message === 'No thread found';
  });
  const half = new TextEncoder().encode(body.slice(0, 40));
  await assert.rejects(collect(fetchTransport(byteFetch(half, 7, 200, true))), HaruConnectionError);
  const unreachable: typeof fetch = async () => {
    throw new TypeError('fetch failed');
  };
  await assert.rejects(collect(fetchTransport(unreachable)), HaruConnectionError);
});

/** An XMLHttpRequest that reveals its response text in pieces, as React Native's does. */
function fakeXhr(pieces: string[], status = 200, dropAtEnd = false) {
  const sent: Array<{ method: string; url: string; headers: Record<string, string>; body: unknown }> = [];
  class FakeXhr {
    readyState = 0;
    status = 0;
    responseText = '';
    onreadystatechange: (() => void) | null = null;
    onprogress: (() => void) | null = null;
    onerror: (() => void) | null = null;
    private call = { method: '', url: '', headers: {} as Record<string, string>, body: undefined as unknown };
    open(method: string, url: string) {
      this.call.method = method;
      this.call.url = url;
      this.readyState = 1;
    }
    setRequestHeader(name: string, value: string) {
      this.call.headers[name] = value;
    }
    private aborted = false;
    /** As browsers do: the request ends at once, with a last state change reporting status 0. */
    abort() {
      this.aborted = true;
      this.status = 0;
      this.readyState = 4;
      this.onreadystatechange?.();
    }
    send(sentBody: unknown) {
      sent.push({ ...this.call, body: sentBody });
      // Not awaited, as a browser delivers the response after send() has returned.
      void (async () => {
        this.status = status;
        this.readyState = 2;
        this.onreadystatechange?.();
        for (const piece of pieces) {
          await new Promise((resolve) => setTimeout(resolve, 1));
          if (this.aborted) return;
          this.responseText += piece;
          this.readyState = 3;
          this.onreadystatechange?.();
          this.onprogress?.();
        }
        if (dropAtEnd) {
          this.status = 0;
          this.readyState = 4;
          this.onerror?.();
          return;
        }
        this.readyState = 4;
        this.onreadystatechange?.();
      })();
    }
  }
  return { Xhr: FakeXhr as unknown as new () => XMLHttpRequest, sent };
}

test('XHR transport parses only the text added since the last progress event', async () => {
  const pieces = [body.slice(0, 10), body.slice(10, 31), body.slice(31, 50), body.slice(50)];
  const { Xhr, sent } = fakeXhr(pieces);
  assert.deepEqual(await collect(xhrTransport(Xhr)), expected);
  assert.equal(sent.length, 1, 'one request');
  assert.equal(sent[0]?.method, 'POST');
  assert.equal(sent[0]?.headers.Accept, 'text/event-stream');
});

test('XHR transport reports error answers and dropped connections as typed errors', async () => {
  const { Xhr } = fakeXhr(
    [
      JSON.stringify({
        error: { message: 'Incorrect API key provided.', type: 'x', code: 'invalid_api_key' },
      }),
    ],
    401,
  );
  await assert.rejects(
    collect(xhrTransport(Xhr)),
    (error: unknown) => error instanceof HaruApiError && error.code === 'invalid_api_key',
  );
  const dropped = fakeXhr([body.slice(0, 35)], 200, true);
  await assert.rejects(collect(xhrTransport(dropped.Xhr)), HaruConnectionError);
});

test('XHR transport reports the caller’s abort as an abort, and sends nothing for an already aborted signal', async () => {
  const firstEventEnds = body.indexOf('\n\n') + 2;
  const slow = fakeXhr([body.slice(0, firstEventEnds), body.slice(firstEventEnds)]);
  const abort = new AbortController();
  const reading = (async () => {
    for await (const _ of xhrTransport(slow.Xhr)({ ...request(), signal: abort.signal })) abort.abort();
  })();
  await assert.rejects(reading, (error: unknown) => (error as Error).name === 'AbortError');

  const unsent = fakeXhr([body]);
  const aborted = AbortSignal.abort();
  await assert.rejects(
    collect2(xhrTransport(unsent.Xhr), aborted),
    (error: unknown) => (error as Error).name === 'AbortError',
  );
  assert.equal(unsent.sent.length, 0);
});

async function collect2(transport: SseTransport, signal: AbortSignal) {
  const messages: SseMessage[] = [];
  for await (const message of transport({ ...request(), signal })) messages.push(message);
  return messages;
}
