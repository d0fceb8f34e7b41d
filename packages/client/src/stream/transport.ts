import type { SseMessage } from './sse-decoder.ts';

export interface SseRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string | undefined;
  signal: AbortSignal;
}

/**
 * Opens one request and yields its Server-Sent Events as they arrive. Fails with `HaruApiError` for an
 * error answer and `HaruConnectionError` when the connection cannot be made or breaks off.
 */
export type SseTransport = (request: SseRequest) => AsyncIterable<SseMessage>;
