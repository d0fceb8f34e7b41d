import type { Http } from '../http.ts';
import { idempotencyKeyHeader } from '../idempotency-key.ts';
import type { ListParams, Message, NewMessage, Page } from '../types.ts';

export const messagesApi = (http: Http) => ({
  create: (threadId: string, message: NewMessage) =>
    http.request<Message>('POST', `/v1/threads/${threadId}/messages`, {
      body: message,
      headers: idempotencyKeyHeader(),
    }),
  delete: (threadId: string, messageId: string) =>
    http.request<{ id: string; object: 'thread.message.deleted'; deleted: boolean }>(
      'DELETE',
      `/v1/threads/${threadId}/messages/${messageId}`,
    ),
  list: (threadId: string, params: ListParams & { run_id?: string } = {}) =>
    http.request<Page<Message>>('GET', `/v1/threads/${threadId}/messages`, { query: { ...params } }),
});
