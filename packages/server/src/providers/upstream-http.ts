import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

// Shared by every run, so a run reuses a warm connection instead of paying for a TCP and TLS handshake.
const httpAgent = new HttpAgent({ keepAlive: true });
const httpsAgent = new HttpsAgent({ keepAlive: true });

export interface UpstreamPost {
  url: URL;
  headers: Record<string, string>;
  body: Buffer;
  signal: AbortSignal;
  /** Hang up when the upstream sends no byte for this long, whether or not it has answered yet. */
  idleTimeoutMs: number;
}

/** Why an exchange stopped before its response body ended. */
export type ExchangeProblem =
  | { kind: 'aborted' }
  /** The connection failed before any response. */
  | { kind: 'unreachable'; code: string | undefined; detail: string }
  | { kind: 'silent'; detail: string }
  /** The connection was lost after the response began. */
  | { kind: 'cut'; detail: string };

export interface ExchangeHandlers {
  response(status: number, headers: IncomingHttpHeaders): void;
  bytes(chunk: Buffer): void;
  /** Called exactly once: with no problem when the body ended, else with why the exchange stopped. */
  end(problem?: ExchangeProblem): void;
}

/**
 * POSTs to the upstream and reports its answer as it arrives, without buffering. Returns a function that
 * hangs up at once; `end` is not called after it.
 */
export function postUpstream(post: UpstreamPost, on: ExchangeHandlers): () => void {
  const host = post.url.host;
  const https = post.url.protocol === 'https:';
  let over = false;
  let responded = false;
  let heardSinceSilence = false;

  const request = (https ? httpsRequest : httpRequest)(post.url, {
    method: 'POST',
    agent: https ? httpsAgent : httpAgent,
    headers: { ...post.headers, 'content-length': post.body.length },
  });
  const watchdog = setTimeout(onSilence, post.idleTimeoutMs);

  function close(problem?: ExchangeProblem): boolean {
    if (over) return false;
    over = true;
    clearTimeout(watchdog);
    post.signal.removeEventListener('abort', onAbort);
    if (problem) request.destroy();
    return true;
  }
  function stop(problem?: ExchangeProblem) {
    if (close(problem)) on.end(problem);
  }
  function onAbort() {
    stop({ kind: 'aborted' });
  }
  function onSilence() {
    // After the event loop was blocked, bytes can be waiting unread: read them before blaming the upstream.
    heardSinceSilence = false;
    setImmediate(() => {
      if (!heardSinceSilence) {
        stop({ kind: 'silent', detail: `${host}: no bytes for ${post.idleTimeoutMs} ms` });
      }
    });
  }
  function heard() {
    heardSinceSilence = true;
    watchdog.refresh();
  }

  post.signal.addEventListener('abort', onAbort, { once: true });
  request.on('error', (error: NodeJS.ErrnoException) => {
    const detail = `${host}: ${error.message || error.code}`;
    stop(responded ? { kind: 'cut', detail } : { kind: 'unreachable', code: error.code, detail });
  });
  request.on('response', (response) => {
    if (over) return;
    responded = true;
    heard();
    on.response(response.statusCode ?? 0, response.headers);
    response.on('data', (chunk: Buffer) => {
      if (over) return;
      heard();
      on.bytes(chunk);
    });
    // Ending here (not on the caller's last read) lets the connection go back to the pool.
    response.on('end', () => stop());
    response.on('close', () => stop({ kind: 'cut', detail: `${host}: connection closed mid-response` }));
  });
  request.end(post.body);

  return () => {
    close({ kind: 'aborted' });
  };
}
