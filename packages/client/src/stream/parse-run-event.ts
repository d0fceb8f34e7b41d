import type { RunStreamEvent } from '../types.ts';
import type { SseMessage } from './sse-decoder.ts';

/** A gateway message as the run event it names, keeping its SSE id: where the event stands in its run. */
export function parseRunEvent(message: SseMessage): RunStreamEvent {
  const data = message.event === 'done' ? '[DONE]' : JSON.parse(message.data);
  return {
    event: message.event,
    data,
    ...(message.id !== undefined && { id: message.id }),
  } as RunStreamEvent;
}
