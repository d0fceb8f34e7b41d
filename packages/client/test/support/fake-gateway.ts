import type { Message, Run, RunStreamEvent } from '../../src/types.ts';

export interface FakeGatewayOptions {
  /**
   * How `GET …/runs/{run_id}/stream` answers: with the events after the id asked for (as documented),
   * with every event from the run's first (a replay that ignores the id), with 404 (a gateway without
   * the route), or not at all (the connection cannot be made).
   */
  resume?: 'after-id' | 'from-start' | 'unknown-route' | 'unreachable';
  /** For each resume request in turn, the events it delivers before its connection breaks. */
  dropResumesAfter?: number[];
  /** How those connections break: with an error, or by going silent as a sleeping phone's do. */
  resumesBreakBy?: 'error' | 'silence';
}

/**
 * The gateway as `fetch` sees it, serving one finished recorded run: the resume route, the run for
 * polling, the thread's newest run and the run's messages. Every request is recorded.
 */
export function fakeGateway(events: RunStreamEvent[], options: FakeGatewayOptions = {}) {
  const run = events.findLast((e) => e.event === 'thread.run.completed')?.data as Run;
  const message = events.findLast((e) => e.event === 'thread.message.completed')?.data as Message;
  const requests: Array<{ method: string; url: URL; headers: Headers }> = [];
  const drops = [...(options.dropResumesAfter ?? [])];

  const fetch: typeof globalThis.fetch = async (input, init = {}) => {
    const url = new URL(String(input));
    const method = init.method ?? 'GET';
    requests.push({ method, url, headers: new Headers(init.headers) });
    const path = url.pathname;
    if (path === `/v1/threads/${run.thread_id}/runs/${run.id}/stream`) {
      if (options.resume === 'unreachable') throw new TypeError('fetch failed');
      if (options.resume === 'unknown-route') return unknownRoute(method, path);
      const after = Number(new Headers(init.headers).get('last-event-id') ?? url.searchParams.get('after'));
      const replay = options.resume === 'from-start' ? events : events.filter((e) => Number(e.id) > after);
      const breaking = { after: drops.shift(), by: options.resumesBreakBy ?? 'error' } as const;
      return sseResponse(replay, breaking, init.signal ?? undefined);
    }
    if (path === `/v1/threads/${run.thread_id}/runs/${run.id}`) return json(run);
    // The thread's newest run, as the gateway lists it while the run is still going.
    if (path === `/v1/threads/${run.thread_id}/runs`) return json(page([{ ...run, status: 'in_progress' }]));
    if (path === `/v1/threads/${run.thread_id}/messages`) return json(page([message]));
    return unknownRoute(method, path);
  };

  const to = (suffix: string) =>
    requests.filter((r) => r.method === 'GET' && r.url.pathname.endsWith(suffix));
  return {
    fetch,
    threadId: run.thread_id,
    runId: run.id,
    resumes: () => to(`/runs/${run.id}/stream`),
    polls: () => to(`/runs/${run.id}`),
  };
}

/** Each event in SSE, a keep-alive first, unless the connection breaks after `breaking.after` events. */
function sseResponse(
  events: RunStreamEvent[],
  breaking: { after: number | undefined; by: 'error' | 'silence' },
  signal: AbortSignal | undefined,
): Response {
  const utf8 = new TextEncoder();
  const sent = events.slice(0, breaking.after);
  const chunks = [
    ': keep-alive\n\n',
    ...sent.map(({ id, event, data }) => {
      const text = typeof data === 'string' ? data : JSON.stringify(data);
      return `id: ${id}\nevent: ${event}\ndata: ${text}\n\n`;
    }),
  ];
  // One chunk per read: an error raised while chunks wait in the queue would discard them.
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      signal?.addEventListener('abort', () => controller.error(signal.reason), { once: true });
    },
    pull(controller) {
      const chunk = chunks.shift();
      if (chunk !== undefined) controller.enqueue(utf8.encode(chunk));
      else if (breaking.after === undefined) controller.close();
      else if (breaking.by === 'error') controller.error(new TypeError('terminated'));
      else return new Promise<void>(() => undefined);
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const page = <T>(data: T[]) => ({ object: 'list', data, first_id: null, last_id: null, has_more: false });

const unknownRoute = (method: string, path: string) =>
  json(
    {
      error: {
        message: `Unknown request URL: ${method} ${path}.`,
        type: 'invalid_request_error',
        param: null,
        code: 'unknown_url',
      },
    },
    404,
  );
