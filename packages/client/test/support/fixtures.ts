import { readFileSync } from 'node:fs';
import { parseRunEvent } from '../../src/stream/parse-run-event.ts';
import { createSseDecoder } from '../../src/stream/sse-decoder.ts';
import type { RunStreamEvent } from '../../src/types.ts';

/** A recorded stream from fixtures/, as the events the client would have parsed. */
export function recordedEvents(name: string): RunStreamEvent[] {
  const text = readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
  return createSseDecoder().feed(text).map(parseRunEvent);
}
