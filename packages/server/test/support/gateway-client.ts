import { setTimeout as sleep } from 'node:timers/promises';
import { assertOpenAIShape } from './openai-schemas.ts';
import { parsed, type ReceivedEvent } from './sse.ts';

export type ApiRequestInit = RequestInit & { token?: string; json?: unknown };

/**
 * Calls to a gateway however `send` reaches it (in memory or over HTTP): a bearer `token` and a `json`
 * body filled in, and every JSON answer checked against OpenAI's published schema for its object.
 */
export function apiClient(send: (path: string, init: RequestInit) => Promise<Response>) {
  const client = {
    async request(path: string, init: ApiRequestInit = {}): Promise<Response> {
      const { token, json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (token) headers.set('authorization', `Bearer ${token}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      const method = rest.method ?? (json === undefined ? 'GET' : 'POST');
      const response = await send(path, {
        ...rest,
        method,
        headers,
        body: json === undefined ? rest.body : JSON.stringify(json),
      });
      if (response.headers.get('content-type')?.startsWith('application/json')) {
        assertOpenAIShape(await response.clone().json(), `${method} ${path}`);
      }
      return response;
    },

    /** A JSON call that must succeed; returns the parsed body. */
    async call<T = Record<string, unknown>>(path: string, init: ApiRequestInit = {}): Promise<T> {
      const response = await client.request(path, init);
      const body = await response.json();
      if (!response.ok) {
        throw new Error(
          `${init.method ?? 'GET'} ${path} answered ${response.status}: ${JSON.stringify(body)}`,
        );
      }
      return body as T;
    },

    async newUser() {
      return (await client.call<{ token: string }>('/auth/device', { method: 'POST' })).token;
    },

    /** A user with an assistant and a thread holding one user message: the usual starting point. */
    async userWithThread(text = 'Today I walked by the river.') {
      const token = await client.newUser();
      const assistant = await client.call<{ id: string }>('/v1/assistants', {
        token,
        json: { model: 'test-model', instructions: 'Reply warmly, then ask one short question.' },
      });
      const thread = await client.call<{ id: string }>('/v1/threads', {
        token,
        json: { messages: [{ role: 'user', content: text }] },
      });
      return { token, assistantId: assistant.id, threadId: thread.id };
    },
  };
  return client;
}

/** A gateway reached over HTTP at `url`: a gateway process, or an in-memory one that `listen`ed. */
export function gatewayClient(url: string) {
  return { url, ...apiClient((path, init) => fetch(`${url}${path}`, init)) };
}

export type GatewayClient = ReturnType<typeof gatewayClient>;

export interface MessageBody {
  id: string;
  role: string;
  status: string;
  run_id: string | null;
  incomplete_details: { reason: string } | null;
  content: Array<{ type: 'text'; text: { value: string } }>;
}

export interface RunBody {
  id: string;
  thread_id: string;
  status: string;
  last_error: { code: string; message: string } | null;
}

export const messageText = (message: Pick<MessageBody, 'content'>) =>
  message.content.map((part) => part.text.value).join('');

/** The reply text a client assembles from the stream's `thread.message.delta` events. */
export const deltaText = (events: ReceivedEvent[]) =>
  events
    .filter((event) => event.event === 'thread.message.delta')
    .map((event) => parsed<{ delta: { content: Array<{ text: { value: string } }> } }>(event).delta.content)
    .map((content) => content.map((part) => part.text.value).join(''))
    .join('');

export const idsOf = (events: ReceivedEvent[]) => events.map((event) => Number(event.id));

/**
 * Looks again every `everyMs` until `check` returns a value, giving up after `guardMs`: a guard against
 * hanging, not a statement about how fast the gateway should be.
 */
export async function pollUntil<T>(
  what: string,
  check: () => Promise<T | undefined>,
  { everyMs = 50, guardMs = 30_000 } = {},
): Promise<T> {
  const deadline = Date.now() + guardMs;
  while (true) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${guardMs} ms`);
    await sleep(everyMs);
  }
}
