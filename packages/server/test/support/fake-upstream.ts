import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the fake model server answers one request. */
export interface UpstreamScript {
  /** Text pieces, one Chat Completions chunk each. */
  pieces: string[];
  /** Split the encoded stream into writes of this many bytes, cutting through UTF-8 characters. */
  writeBytes?: number;
  delayMs?: number;
  /** Drop the connection after this many pieces, as a crashed upstream would. */
  dropAfter?: number;
  /** Answer with this HTTP status and an OpenAI error body instead of a stream. */
  status?: number;
  /**
   * Answer the first requests with these, one each, before streaming as scripted: an HTTP status with an
   * OpenAI error body, 'reset' to drop the connection without answering, or `{ stream }` to answer 200
   * with that event-stream body (an error reported inside the stream, say), dropping the connection after
   * it when `cut`. The script stays next until they are used up.
   */
  statuses?: Array<number | 'reset' | { stream: string; cut?: boolean }>;
  /** The `Retry-After` header sent with error statuses. */
  retryAfter?: string;
  /** Go silent after this many pieces, keeping the connection open; forever unless `stallMs` is set. */
  stallAfter?: number;
  /** How long the stall lasts before the rest of the stream follows. */
  stallMs?: number;
  /** While stalled, send a `: keep-alive` comment this often, as proxies and some servers do. */
  keepAliveEveryMs?: number;
  /** Accept the request and never answer, not even with headers. */
  silent?: boolean;
  /** Send a malformed JSON chunk after this many pieces (fewer than all), then carry on. */
  garbageAfter?: number;
  /** Send every piece's `delta.content` as this value instead of its text, as a broken server might. */
  contentValue?: unknown;
  /** The whole event-stream body, sent as is instead of one built from `pieces` (e.g. a recorded stream). */
  raw?: string | Uint8Array;
  finishReason?: string;
  usage?: { prompt_tokens: number; completion_tokens: number } | null;
}

export interface RecordedRequest {
  path: string | undefined;
  authorization: string | undefined;
  /** When the request arrived, on `performance.now()`'s clock. */
  receivedAt: number;
  /** The gateway hung up before the reply was fully sent, as it does when a run is cancelled. */
  abandoned: boolean;
  body: {
    model: string;
    messages: Array<{ role: string; content: string }>;
    stream: boolean;
    temperature?: number;
  };
}

/**
 * A small OpenAI-compatible server for tests: it streams the real Chat Completions chunk format
 * (`data: {...chat.completion.chunk...}` lines ending with `data: [DONE]`) and records each request.
 * `options.port` listens on a chosen port, e.g. one a client was refused at a moment ago.
 */
export async function startFakeUpstream(
  defaultScript: UpstreamScript = { pieces: ['Hello', ' there', '!'] },
  options: { port?: number } = {},
) {
  const requests: RecordedRequest[] = [];
  const queue: UpstreamScript[] = [];
  const failuresAnswered = new WeakMap<UpstreamScript, number>();
  const timers = new Set<NodeJS.Timeout>();
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const receivedAt = performance.now();
    const body = JSON.parse(await readBody(req)) as RecordedRequest['body'];
    const recorded: RecordedRequest = {
      path: req.url,
      authorization: req.headers.authorization,
      receivedAt,
      abandoned: false,
      body,
    };
    requests.push(recorded);
    res.on('close', () => {
      if (!res.writableFinished) recorded.abandoned = true;
    });

    const script = queue[0] ?? defaultScript;
    const answered = failuresAnswered.get(script) ?? 0;
    const failure = script.statuses?.[answered];
    if (failure !== undefined) {
      failuresAnswered.set(script, answered + 1);
      if (failure === 'reset') req.socket.resetAndDestroy();
      else if (typeof failure === 'object') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        if (failure.cut) res.write(failure.stream, () => res.socket?.destroy());
        else res.end(failure.stream);
      } else answerError(res, failure, script.retryAfter);
      return;
    }
    if (queue[0] === script) queue.shift();
    if (script.status) {
      answerError(res, script.status, script.retryAfter);
      return;
    }
    if (script.silent) return;

    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const id = `chatcmpl-${requests.length}`;
    const created = Math.floor(Date.now() / 1000);
    const chunk = (delta: object, finish_reason: string | null, usage?: object | null) =>
      `data: ${JSON.stringify({
        id,
        object: 'chat.completion.chunk',
        created,
        model: body.model,
        system_fingerprint: 'fp_test',
        choices: usage === undefined ? [{ index: 0, delta, logprobs: null, finish_reason }] : [],
        ...(usage !== undefined && { usage }),
      })}\n\n`;

    // Frames before the stall point, then frames after it.
    const before = [chunk({ role: 'assistant', content: '' }, null)];
    const after: string[] = [];
    script.pieces.forEach((piece, index) => {
      if (script.dropAfter !== undefined && index >= script.dropAfter) return;
      const frames = script.stallAfter !== undefined && index >= script.stallAfter ? after : before;
      if (index === script.garbageAfter) frames.push('data: {"choices":[{"delta":{"content":"unfinis\n\n');
      const content = 'contentValue' in script ? script.contentValue : piece;
      frames.push(chunk({ content }, null));
    });
    const closing = script.stallAfter === undefined ? before : after;
    if (script.dropAfter === undefined) {
      closing.push(chunk({}, script.finishReason ?? 'stop'));
      closing.push(
        chunk(
          {},
          null,
          script.usage === undefined
            ? { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 }
            : script.usage,
        ),
      );
      closing.push('data: [DONE]\n\n');
    }

    const send = async (frames: string[]) => {
      const writes = script.writeBytes
        ? splitBytes(Buffer.from(frames.join(''), 'utf8'), script.writeBytes)
        : frames.map((frame) => Buffer.from(frame, 'utf8'));
      for (const piece of writes) {
        if (res.destroyed) return;
        await new Promise<void>((resolve) => res.write(piece, () => resolve()));
        if (script.delayMs) await wait(script.delayMs);
      }
    };

    if (script.raw !== undefined) {
      const raw = Buffer.from(script.raw);
      for (const piece of script.writeBytes ? splitBytes(raw, script.writeBytes) : [raw]) {
        if (res.destroyed) return;
        await new Promise<void>((resolve) => res.write(piece, () => resolve()));
      }
      res.end();
      return;
    }
    await send(before);
    if (script.stallAfter !== undefined) {
      const keepAlive =
        script.keepAliveEveryMs &&
        setInterval(() => res.destroyed || res.write(': keep-alive\n\n'), script.keepAliveEveryMs);
      if (keepAlive) timers.add(keepAlive);
      if (script.stallMs === undefined) return;
      await wait(script.stallMs);
      if (keepAlive) clearInterval(keepAlive);
      await send(after);
    }
    if (res.destroyed) return;
    if (script.dropAfter !== undefined) res.socket?.destroy();
    else res.end();
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    /** The script for the next request only, replacing any a previous test left unused. */
    next(script: UpstreamScript) {
      queue.splice(0, queue.length, script);
    },
    /** Back to the default script for every request. */
    reset() {
      queue.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answerError(res: ServerResponse, status: number, retryAfter: string | undefined) {
  res.writeHead(status, {
    'content-type': 'application/json',
    ...(retryAfter !== undefined && { 'retry-after': retryAfter }),
  });
  res.end(JSON.stringify({ error: { message: `upstream says ${status}`, type: 'test', code: null } }));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function splitBytes(bytes: Buffer, size: number): Buffer[] {
  const pieces: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.subarray(at, at + size));
  return pieces;
}
