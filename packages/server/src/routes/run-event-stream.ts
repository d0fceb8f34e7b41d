import type { ServerResponse } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { defaultLimits } from '../limits/limits.ts';
import type { AppEnv } from './router.ts';

/** Open streams, so one timer can keep every quiet one alive and look for clients that stopped reading. */
const openStreams = new Set<{ look: () => void }>();
let ticker: ReturnType<typeof setInterval> | undefined;
const keepAliveComment = ': keep-alive\n\n';
const keepAliveMs = 15_000;
const sseHeaders = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache',
  'x-accel-buffering': 'no',
};

/** Streams in progress, so a shutting-down server can wait for each to send its last events. */
export const openStreamCount = () => openStreams.size;

/**
 * Answers with a run's Server-Sent Events frames. Over HTTP they are written straight to the socket once
 * every middleware has set its headers (see `startStreams`): a web ReadableStream between the run and
 * the socket cost more per event than the event itself. A request made in-process (no socket) gets them
 * as a ReadableStream body.
 */
export function runEventStream(c: Context<AppEnv>, chunks: AsyncIterable<string>): Response {
  const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
  if (!outgoing) {
    return c.body(readableBody(chunks), 200, sseHeaders);
  }
  const bufferBytes = c.get('streamBufferBytes') ?? defaultLimits.streamBufferBytes;
  c.set('startStream', (answer) => {
    if (answer.status === 200) writeStream(outgoing, answer, chunks, bufferBytes);
    else void chunks[Symbol.asyncIterator]().return?.();
  });
  return c.body(null, 200, sseHeaders);
}

/**
 * The outermost middleware: a stream's answer, with every header the others set, starts the stream;
 * the adapter is then told the response is already being sent.
 */
export const startStreams: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const start = c.get('startStream');
  if (!start) return;
  start(c.res);
  c.res = new Response(null, { headers: { 'x-hono-already-sent': 'true' } });
};

/**
 * Writes each chunk (the events of one turn) in one write, and takes the next only once the client took
 * the last, so a client is held at most a chunk beyond the socket's buffer. A client that goes away only
 * stops its own copy of the stream; the run keeps going. While the model is silent, a comment every
 * 15 s keeps proxies from closing the connection. A client that takes nothing for two looks (10 to
 * 15 s) while events wait, or holds more than `bufferBytes`, is dropped: its run goes on and is stored,
 * and it may resume later.
 */
function writeStream(
  outgoing: ServerResponse,
  answer: Response,
  chunks: AsyncIterable<string>,
  bufferBytes: number,
) {
  const iterator = chunks[Symbol.asyncIterator]();
  let lastWrite = Date.now();
  let over = false;
  let waiting: (() => void) | undefined;
  let stalledLooks = 0;
  let sentAtLastLook = -1;

  const stream = {
    look() {
      const held = outgoing.writableLength;
      const sent = outgoing.socket?.bytesWritten ?? 0;
      stalledLooks = held > 0 && sent === sentAtLastLook ? stalledLooks + 1 : 0;
      sentAtLastLook = sent;
      if (stalledLooks >= 2 || (stalledLooks === 1 && held > bufferBytes)) {
        // The response sees its socket close, which ends this stream; nothing more is read for it.
        outgoing.destroy();
        return;
      }
      if (!waiting && Date.now() - lastWrite >= keepAliveMs) write(keepAliveComment);
    },
  };
  const write = (text: string) => {
    lastWrite = Date.now();
    return outgoing.write(text);
  };
  const finish = () => {
    if (over) return;
    over = true;
    waiting?.();
    openStreams.delete(stream);
    if (openStreams.size === 0 && ticker) {
      clearInterval(ticker);
      ticker = undefined;
    }
    void iterator.return?.();
  };
  const drained = () =>
    new Promise<void>((resolve) => {
      waiting = resolve;
      outgoing.once('drain', resolve);
    }).finally(() => {
      waiting = undefined;
    });

  openStreams.add(stream);
  ticker ??= setInterval(() => {
    for (const each of openStreams) each.look();
  }, keepAliveMs / 3);
  outgoing.once('close', finish);
  // A write racing the client's hang-up ends this copy of the stream, never the process.
  outgoing.on('error', finish);
  outgoing.writeHead(answer.status, Object.fromEntries(answer.headers));
  // The head goes out with the first events, in one write; a stream with none yet sends it alone.
  setImmediate(() => {
    if (!outgoing.headersSent && !outgoing.destroyed) outgoing.flushHeaders();
  });

  const pump = async () => {
    for (let next = await iterator.next(); !next.done && !over; next = await iterator.next()) {
      if (!write(next.value)) await drained();
    }
    // Counted as open until its last bytes are with the system, so a shutdown waits for them.
    if (!over) outgoing.end(finish);
  };
  pump().catch(() => {
    outgoing.destroy();
    finish();
  });
}

function readableBody(chunks: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
