import type { IncomingMessage } from 'node:http';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { ApiError } from '../errors.ts';

/**
 * Refuses request bodies over `maxBytes` with an OpenAI-shaped 413. On Node it reads the body straight
 * from the socket into `rawBody`, which the Node adapter then parses without building a web Request
 * and stream (that conversion cost more than the rest of a short run's request handling).
 */
export function limitedBody(maxBytes: number) {
  const tooLarge = () => new ApiError(413, `The request body is larger than ${maxBytes / 1024 / 1024} MB.`);
  const webLimit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw tooLarge();
    },
  });
  return createMiddleware<{ Bindings: { incoming?: IncomingMessage } }>(async (c, next) => {
    const incoming = c.env?.incoming;
    if (!incoming) return webLimit(c, next);
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return next();
    const declared = Number(incoming.headers['content-length'] ?? 0);
    if (declared > maxBytes) throw tooLarge();
    Object.assign(incoming, { rawBody: await readAtMost(incoming, maxBytes, tooLarge) });
    return next();
  });
}

function readAtMost(incoming: IncomingMessage, maxBytes: number, tooLarge: () => Error): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        cleanup();
        incoming.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onError);
    };
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
  });
}
