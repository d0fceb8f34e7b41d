import type { ServerResponse } from 'node:http';
import type { Context } from 'hono';
import { defaultLimits } from '../limits/limits.ts';

interface OpenStream {
  lastWrite: number;
  keepAlive: () => void;
  /** Drops the client when it holds more than the bound and took nothing since the last look. */
  checkReader: () => void;
}

/** Open streams, so one timer can keep every quiet one alive and look for clients that stopped reading. */
const openStreams = new Set<OpenStream>();
let ticker: ReturnType<typeof setInterval> | undefined;
const keepAliveComment = new TextEncoder().encode(': keep-alive\n\n');
const keepAliveMs = 15_000;
/** Large catch-up chunks (a resumed long reply) go out in pieces about this size. */
const pieceBytes = 64 * 1024;

/** Streams in progress, so a shutting-down server can wait for each to send its last events. */
export const openStreamCount = () => openStreams.size;

/**
 * Writes a run's Server-Sent Events frames, each chunk (the events of one turn) in one write. A client
 * that goes away only stops its own copy of the stream; the run keeps going. While the model is
 * silent, a comment every 15 s keeps proxies from closing the connection and tells clients it
 * is still alive. A client that stops reading is held at most `bufferBytes` (the app sets it with the
 * `streamBufferBytes` variable) and at most two looks (10 to 15 s), then dropped: its run goes on and is
 * stored, and it may resume later.
 */
export function runEventStream(c: Context, chunks: AsyncIterable<string>): Response {
  const bufferBytes: number = c.get('streamBufferBytes') ?? defaultLimits.streamBufferBytes;
  const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
  const iterator = chunks[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  /** Encoded pieces of the current chunk not yet handed to the response. */
  const pieces: Uint8Array[] = [];
  let heldInPieces = 0;
  // The response asks for more only once the client took what it had: no asks between looks means it stopped.
  let asks = 0;
  let asksAtLastLook = -1;
  let open: OpenStream | undefined;

  const close = () => {
    if (!open) return;
    openStreams.delete(open);
    open = undefined;
    if (openStreams.size === 0 && ticker) {
      clearInterval(ticker);
      ticker = undefined;
    }
  };
  let stalledLooks = 0;
  const checkReader = () => {
    if (!outgoing || !open) return;
    const held = outgoing.writableLength + heldInPieces;
    stalledLooks = asks === asksAtLastLook && held > 0 ? stalledLooks + 1 : 0;
    asksAtLastLook = asks;
    // Events reach a reader a bounded chunk at a time, so it rarely holds past the bound; one that took
    // nothing for two looks in a row while events waited has stopped, and goes too.
    if (stalledLooks >= 2 || (stalledLooks === 1 && held > bufferBytes)) {
      close();
      pieces.length = 0;
      heldInPieces = 0;
      void iterator.return?.();
      // The response sees its socket close and cancels this stream; nothing more is read for it.
      outgoing.destroy();
    }
  };

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const stream: OpenStream = {
        lastWrite: Date.now(),
        keepAlive: () => {
          // Mid-chunk, a comment would land inside a frame the client is still taking in pieces.
          if (pieces.length > 0 || Date.now() - stream.lastWrite < keepAliveMs) return;
          stream.lastWrite = Date.now();
          controller.enqueue(keepAliveComment);
        },
        checkReader,
      };
      open = stream;
      openStreams.add(stream);
      ticker ??= setInterval(() => {
        for (const each of openStreams) {
          each.checkReader();
          each.keepAlive();
        }
      }, keepAliveMs / 3);
    },
    async pull(controller) {
      asks++;
      try {
        const piece = pieces.shift();
        if (piece) {
          heldInPieces -= piece.length;
          if (open) open.lastWrite = Date.now();
          controller.enqueue(piece);
          return;
        }
        const next = await iterator.next();
        if (next.done) {
          close();
          controller.close();
          return;
        }
        if (open) open.lastWrite = Date.now();
        const [first, ...rest] = inPieces(encoder.encode(next.value));
        for (const each of rest) {
          pieces.push(each);
          heldInPieces += each.length;
        }
        if (first) controller.enqueue(first);
      } catch (error) {
        close();
        controller.error(error);
      }
    },
    cancel() {
      close();
      void iterator.return?.();
    },
  });
  return c.body(body, 200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    'x-accel-buffering': 'no',
  });
}

function inPieces(bytes: Uint8Array): Uint8Array[] {
  if (bytes.length <= pieceBytes) return [bytes];
  const pieces: Uint8Array[] = [];
  for (let start = 0; start < bytes.length; start += pieceBytes) {
    pieces.push(bytes.subarray(start, start + pieceBytes));
  }
  return pieces;
}
