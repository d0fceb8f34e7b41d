import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { RunEvent } from '../engine/run-event-log.ts';

/**
 * Writes a run's events as Server-Sent Events with OpenAI's names and payloads. A client that goes away
 * only stops its own copy of the stream; the run keeps going. While the model is silent, a comment line
 * every `keepAliveMs` keeps proxies from closing the connection and tells clients it is still alive.
 */
export function runEventStream(c: Context, events: AsyncIterable<RunEvent>, keepAliveMs = 15_000): Response {
  return streamSSE(c, async (stream) => {
    let lastWrite = Date.now();
    const keepAlive = setInterval(() => {
      if (Date.now() - lastWrite < keepAliveMs || stream.aborted) return;
      lastWrite = Date.now();
      stream.write(': keep-alive\n\n').catch(() => undefined);
    }, keepAliveMs / 3);
    try {
      for await (const { id, event, data } of events) {
        if (stream.aborted) break;
        lastWrite = Date.now();
        await stream.writeSSE({
          id: String(id),
          event,
          data: typeof data === 'string' ? data : JSON.stringify(data),
        });
      }
    } finally {
      clearInterval(keepAlive);
    }
  });
}
