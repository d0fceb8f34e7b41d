import { createParser } from 'eventsource-parser';

export interface SseMessage {
  event: string;
  data: string;
  id?: string | undefined;
}

/** Incremental SSE parsing: each piece of text is parsed once, and complete events come back. */
export function createSseDecoder() {
  const complete: SseMessage[] = [];
  const parser = createParser({
    onEvent: (event) => complete.push({ event: event.event ?? 'message', data: event.data, id: event.id }),
  });
  return {
    feed(text: string): SseMessage[] {
      parser.feed(text);
      return complete.splice(0);
    },
  };
}
