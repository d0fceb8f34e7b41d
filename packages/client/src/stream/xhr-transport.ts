import { HaruApiError, HaruConnectionError } from '../errors.ts';
import { errorBody } from '../http.ts';
import { createPushQueue } from './push-queue.ts';
import { createSseDecoder, type SseMessage } from './sse-decoder.ts';
import type { SseRequest, SseTransport } from './transport.ts';

type XhrConstructor = new () => XMLHttpRequest;

/**
 * Streams with XMLHttpRequest progress, for platforms whose fetch cannot stream a body. Only the text
 * added since the last progress event is parsed, and the platform decodes UTF-8 for the whole response.
 */
export function xhrTransport(Xhr: XhrConstructor = globalThis.XMLHttpRequest): SseTransport {
  return async function* open(request: SseRequest): AsyncGenerator<SseMessage> {
    request.signal.throwIfAborted();
    const queue = createPushQueue<SseMessage>();
    const sse = createSseDecoder();
    const xhr = new Xhr();
    let parsedLength = 0;

    const readNewText = () => {
      const text = xhr.responseText ?? '';
      if (text.length <= parsedLength) return;
      for (const message of sse.feed(text.slice(parsedLength))) queue.push(message);
      parsedLength = text.length;
    };
    const succeeded = () => xhr.status >= 200 && xhr.status < 300;

    xhr.open(request.method, request.url, true);
    xhr.setRequestHeader('Accept', 'text/event-stream');
    for (const [name, value] of Object.entries(request.headers))
      xhr.setRequestHeader(canonicalName(name), value);
    xhr.onprogress = () => {
      if (succeeded()) readNewText();
    };
    xhr.onreadystatechange = () => {
      if (xhr.readyState < 3) return;
      if (succeeded()) readNewText();
      if (xhr.readyState !== 4) return;
      // Aborting fires a last state change with status 0; that is the caller's abort, not a dropped line.
      if (request.signal.aborted) return;
      if (succeeded()) queue.end();
      else if (xhr.status === 0) queue.fail(new HaruConnectionError('The stream broke off.'));
      else queue.fail(new HaruApiError(xhr.status, errorBody(xhr.responseText)));
    };
    xhr.onerror = () =>
      queue.fail(new HaruConnectionError('Could not reach the server, or the stream broke off.'));
    const onAbort = () => {
      xhr.abort();
      queue.fail(request.signal.reason ?? new DOMException('The stream was aborted.', 'AbortError'));
    };
    request.signal.addEventListener('abort', onAbort, { once: true });
    xhr.send(request.body ?? null);

    try {
      yield* queue;
    } finally {
      request.signal.removeEventListener('abort', onAbort);
      if (xhr.readyState !== 4) xhr.abort();
    }
  };
}

/** `content-type` as `Content-Type`: some XMLHttpRequest implementations compare header names by case. */
const canonicalName = (name: string) =>
  name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('-');
