import { HaruApiError, HaruConnectionError, isAbortError } from '../errors.ts';
import { errorBody } from '../http.ts';
import { createSseDecoder, type SseMessage } from './sse-decoder.ts';
import type { SseRequest, SseTransport } from './transport.ts';

/** Streams with fetch where the response body is a stream: browsers, Node, and Expo SDK 56's expo/fetch. */
export function fetchTransport(
  fetchImpl: typeof globalThis.fetch = (input, init) => globalThis.fetch(input, init),
): SseTransport {
  return async function* open(request: SseRequest): AsyncGenerator<SseMessage> {
    let response: Response;
    try {
      response = await fetchImpl(request.url, {
        method: request.method,
        headers: { accept: 'text/event-stream', ...request.headers },
        body: request.body,
        signal: request.signal,
      });
    } catch (error) {
      if (isAbortError(error)) throw error;
      throw new HaruConnectionError(`Could not reach the server: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const readText = () =>
      response.text().catch((error: unknown) => {
        if (isAbortError(error) || request.signal.aborted) throw error;
        throw new HaruConnectionError('The answer broke off.', { cause: error });
      });
    if (!response.ok) throw new HaruApiError(response.status, errorBody(await readText()));

    const sse = createSseDecoder();
    if (!response.body) {
      // A fetch without streamed bodies still delivers everything, just at the end.
      yield* sse.feed(await readText());
      return;
    }
    const reader = response.body.getReader();
    const utf8 = new TextDecoder();
    try {
      while (true) {
        const { done, value } = await reader.read();
        if (done) break;
        yield* sse.feed(utf8.decode(value, { stream: true }));
      }
      yield* sse.feed(utf8.decode());
    } catch (error) {
      if (isAbortError(error) || request.signal.aborted) throw error;
      throw new HaruConnectionError('The stream broke off.', { cause: error });
    } finally {
      reader.cancel().catch(() => undefined);
    }
  };
}
