import { fetchTransport } from './fetch-transport.ts';
import type { SseTransport } from './transport.ts';
import { xhrTransport } from './xhr-transport.ts';

export type TransportChoice = 'auto' | 'fetch' | 'xhr' | SseTransport;

/** Streaming fetch where the platform has it, else XMLHttpRequest progress, decided before any request. */
export function chooseTransport(choice: TransportChoice, fetchImpl?: typeof globalThis.fetch): SseTransport {
  if (typeof choice === 'function') return choice;
  if (choice === 'fetch') return fetchTransport(fetchImpl);
  if (choice === 'xhr') return xhrTransport();
  const fetchStreams =
    typeof globalThis.ReadableStream === 'function' &&
    typeof globalThis.Response === 'function' &&
    'body' in globalThis.Response.prototype;
  if (fetchStreams || typeof globalThis.XMLHttpRequest !== 'function') return fetchTransport(fetchImpl);
  return xhrTransport();
}
