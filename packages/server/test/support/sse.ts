import { EventSourceParserStream } from 'eventsource-parser/stream';
import { schemaErrors } from './openai-schemas.ts';

export interface ReceivedEvent {
  id: string | undefined;
  event: string;
  data: string;
}

/** The events of a Server-Sent Events response, as they arrive. */
export async function* eventsOf(response: Response): AsyncGenerator<ReceivedEvent> {
  if (!response.body) throw new Error('response has no body');
  const stream = response.body
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream());
  for await (const event of stream) {
    const received = { id: event.id, event: event.event ?? 'message', data: event.data };
    const errors = schemaErrors('AssistantStreamEvent', {
      event: received.event,
      data: received.event === 'done' ? received.data : JSON.parse(received.data),
    });
    // Every stream event in every test must match OpenAI's published stream event schemas.
    if (errors.length > 0)
      throw new Error(`${received.event} is not a valid stream event: ${errors.join('; ')}`);
    yield received;
  }
}

/** Reads a whole Server-Sent Events response into its events. */
export async function readEvents(response: Response): Promise<ReceivedEvent[]> {
  const events: ReceivedEvent[] = [];
  for await (const event of eventsOf(response)) events.push(event);
  return events;
}

export const parsed = <T = Record<string, unknown>>(event: ReceivedEvent) => JSON.parse(event.data) as T;
