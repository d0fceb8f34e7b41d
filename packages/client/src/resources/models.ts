import type { Http } from '../http.ts';

export interface Model {
  id: string;
  object: 'model';
  created: number;
  /** `haru-offline-companion` marks the gateway's built-in stand-in for a language model. */
  owned_by: string;
}

export const modelsApi = (http: Http) => ({
  list: () => http.request<{ object: 'list'; data: Model[] }>('GET', '/v1/models'),
});
