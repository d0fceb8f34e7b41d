import type { Context } from 'hono';

/** Open streams, so one timer can keep every quiet one alive. */
const openStreams = new Set<{ lastWrite: number; keepAlive: () => void }>();
let ticker: ReturnType<typeof setInterval> | undefined;
const keepAliveComment = new TextEncoder().encode(': keep-alive\n\n');
const keepAliveMs = 15_000;

/** Streams in progress, so a shutting-down server can wait for each to send its last events. */
export const openStreamCount = () => openStreams.size;

/**
 * Writes a run's Server-Sent Events frames, each chunk (the events of one turn) in one write. A client
 * that goes away only stops its own copy of the stream; the run keeps going. While the model is
 * silent, a comment every 15 s keeps proxies from closing the connection and tells clients it
 * is still alive.
 */
export function runEventStream(c: Context, chunks: AsyncIterable<string>): Response {
  const iterator = chunks[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  let open: { lastWrite: number; keepAlive: () => void } | undefined;
  const close = () => {
    if (!open) return;
    openStreams.delete(open);
    open = undefined;
    if (openStreams.size === 0 && ticker) {
      clearInterval(ticker);
      ticker = undefined;
    }
  };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const stream = {
        lastWrite: Date.now(),
        keepAlive: () => {
          if (Date.now() - stream.lastWrite < keepAliveMs) return;
          stream.lastWrite = Date.now();
          controller.enqueue(keepAliveComment);
        },
      };
      open = stream;
      openStreams.add(stream);
      ticker ??= setInterval(() => {
        for (const each of openStreams) each.keepAlive();
      }, keepAliveMs / 3);
    },
    async pull(controller) {
      try {
        const next = await iterator.next();
        if (next.done) {
          close();
          controller.close();
          return;
        }
        if (open) open.lastWrite = Date.now();
        controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        close();
        controller.error(error);
      }
    },
    cancel() {
      close();
      void iterator.return?.();
    },
  });
  return c.body(body, 200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    'x-accel-buffering': 'no',
  });
}
