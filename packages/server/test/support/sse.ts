import { EventSourceParserStream } from 'eventsource-parser/stream';

export interface ReceivedEvent {
  id: string | undefined;
  event: string;
  data: string;
}

/** Reads a whole Server-Sent Events response into its events. */
export async function readEvents(response: Response): Promise<ReceivedEvent[]> {
  if (!response.body) throw new Error('response has no body');
  const events: ReceivedEvent[] = [];
  const stream = response.body
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream());
  for await (const event of stream)
    events.push({ id: event.id, event: event.event ?? 'message', data: event.data });
  return events;
}

export const parsed = <T = Record<string, unknown>>(event: ReceivedEvent) => JSON.parse(event.data) as T;
