import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { RunEvent } from '../engine/run-event-log.ts';

/**
 * Writes a run's events as Server-Sent Events with OpenAI's names and payloads. A client that goes away
 * only stops its own copy of the stream; the run keeps going.
 */
export function runEventStream(c: Context, events: AsyncIterable<RunEvent>): Response {
  return streamSSE(c, async (stream) => {
    for await (const { id, event, data } of events) {
      if (stream.aborted) break;
      await stream.writeSSE({
        id: String(id),
        event,
        data: typeof data === 'string' ? data : JSON.stringify(data),
      });
    }
  });
}
