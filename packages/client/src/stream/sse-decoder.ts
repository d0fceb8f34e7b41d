import { createParser } from 'eventsource-parser';

export interface SseMessage {
  event: string;
  data: string;
  id?: string | undefined;
}

/** A comment line (`: keep-alive`) carries no event, only the news that the connection still works. */
export const keepAliveEvent = ':comment';

/** Incremental SSE parsing: each piece of text is parsed once, and complete events come back. */
export function createSseDecoder() {
  const complete: SseMessage[] = [];
  const parser = createParser({
    onEvent: (event) => complete.push({ event: event.event ?? 'message', data: event.data, id: event.id }),
    onComment: () => complete.push({ event: keepAliveEvent, data: '' }),
  });
  return {
    feed(text: string): SseMessage[] {
      parser.feed(text);
      return complete.splice(0);
    },
  };
}
