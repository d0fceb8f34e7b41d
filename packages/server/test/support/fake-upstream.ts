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
  finishReason?: string;
  usage?: { prompt_tokens: number; completion_tokens: number } | null;
}

export interface RecordedRequest {
  authorization: string | undefined;
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
 */
export async function startFakeUpstream(
  defaultScript: UpstreamScript = { pieces: ['Hello', ' there', '!'] },
) {
  const requests: RecordedRequest[] = [];
  const queue: UpstreamScript[] = [];

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const body = JSON.parse(await readBody(req)) as RecordedRequest['body'];
    const recorded: RecordedRequest = { authorization: req.headers.authorization, abandoned: false, body };
    requests.push(recorded);
    res.on('close', () => {
      if (!res.writableFinished) recorded.abandoned = true;
    });
    const script = queue.shift() ?? defaultScript;
    if (script.status) {
      res.writeHead(script.status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ error: { message: `upstream says ${script.status}`, type: 'test', code: null } }),
      );
      return;
    }
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

    const frames = [chunk({ role: 'assistant', content: '' }, null)];
    script.pieces.forEach((piece, index) => {
      if (script.dropAfter !== undefined && index >= script.dropAfter) return;
      frames.push(chunk({ content: piece }, null));
    });
    if (script.dropAfter === undefined) {
      frames.push(chunk({}, script.finishReason ?? 'stop'));
      frames.push(
        chunk(
          {},
          null,
          script.usage === undefined
            ? { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 }
            : script.usage,
        ),
      );
      frames.push('data: [DONE]\n\n');
    }
    const writes = script.writeBytes
      ? splitBytes(Buffer.from(frames.join(''), 'utf8'), script.writeBytes)
      : frames.map((frame) => Buffer.from(frame, 'utf8'));
    for (const piece of writes) {
      if (res.destroyed) return;
      await new Promise<void>((resolve) => res.write(piece, () => resolve()));
      if (script.delayMs) await new Promise((resolve) => setTimeout(resolve, script.delayMs));
    }
    if (script.dropAfter !== undefined) res.socket?.destroy();
    else res.end();
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
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
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
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
