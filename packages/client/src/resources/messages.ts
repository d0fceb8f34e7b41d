import type { Http } from '../http.ts';
import { idempotencyKeyHeader } from '../idempotency-key.ts';
import type { CreateOptions, ListParams, Message, NewMessage, Page } from '../types.ts';

export const messagesApi = (http: Http) => ({
  create: (threadId: string, message: NewMessage, options: CreateOptions = {}) =>
    http.request<Message>('POST', `/v1/threads/${threadId}/messages`, {
      body: message,
      headers: idempotencyKeyHeader(options.idempotencyKey),
    }),
  delete: (threadId: string, messageId: string) =>
    http.request<{ id: string; object: 'thread.message.deleted'; deleted: boolean }>(
      'DELETE',
      `/v1/threads/${threadId}/messages/${messageId}`,
    ),
  /** Changes a message's metadata (the only part of a message that can change). */
  update: (threadId: string, messageId: string, change: { metadata: Record<string, string> }) =>
    http.request<Message>('POST', `/v1/threads/${threadId}/messages/${messageId}`, { body: change }),
  list: (threadId: string, params: ListParams & { run_id?: string } = {}) =>
    http.request<Page<Message>>('GET', `/v1/threads/${threadId}/messages`, { query: { ...params } }),
});
