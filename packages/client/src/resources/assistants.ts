import type { Http } from '../http.ts';
import type { Assistant, ListParams, Page } from '../types.ts';

export const assistantsApi = (http: Http) => ({
  list: (params: ListParams = {}) =>
    http.request<Page<Assistant>>('GET', '/v1/assistants', { query: { ...params } }),
  retrieve: (assistantId: string) => http.request<Assistant>('GET', `/v1/assistants/${assistantId}`),
});
