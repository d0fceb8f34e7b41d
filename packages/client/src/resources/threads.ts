import type { Http } from '../http.ts';
import { idempotencyKeyHeader } from '../idempotency-key.ts';
import type { ListParams, Metadata, NewMessage, Page, Thread } from '../types.ts';

export interface ListThreadsParams extends ListParams {
  /** Only threads whose metadata holds these values, e.g. `{ day: '2026-11-25' }`. */
  metadata?: Metadata;
}

export const threadsApi = (http: Http) => ({
  create: (params: { messages?: NewMessage[]; metadata?: Metadata } = {}) =>
    http.request<Thread>('POST', '/v1/threads', { body: params, headers: idempotencyKeyHeader() }),
  retrieve: (threadId: string) => http.request<Thread>('GET', `/v1/threads/${threadId}`),
  update: (threadId: string, params: { metadata: Metadata }) =>
    http.request<Thread>('POST', `/v1/threads/${threadId}`, { body: params }),
  delete: (threadId: string) =>
    http.request<{ id: string; object: 'thread.deleted'; deleted: boolean }>(
      'DELETE',
      `/v1/threads/${threadId}`,
    ),
  /** Haru's extension to the Assistants API: the caller's own threads, newest first. */
  list: ({ metadata = {}, ...params }: ListThreadsParams = {}) => {
    const filters = Object.fromEntries(
      Object.entries(metadata).map(([key, value]) => [`metadata[${key}]`, value]),
    );
    return http.request<Page<Thread>>('GET', '/v1/threads', { query: { ...params, ...filters } });
  },
});
