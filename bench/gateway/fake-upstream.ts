import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { replyTokens } from './reply-text.ts';

/** How the fake model answers every request. */
export interface UpstreamShape {
  ttftMs: number;
  tokens: number;
  gapMs: number;
  /** Hold every stream after its first token until this many are open at once (or a minute passes). */
  holdUntilOpen?: number;
}

export const fakeUpstreamScript = fileURLToPath(import.meta.url);

export const fakeUpstreamArgs = (shape: UpstreamShape): string[] => [
  `--ttft-ms=${shape.ttftMs}`,
  `--tokens=${shape.tokens}`,
  `--gap-ms=${shape.gapMs}`,
  `--hold-until-open=${shape.holdUntilOpen ?? 0}`,
];

const chunk = (delta: object, finishReason: string | null, usage?: object) =>
  `data: ${JSON.stringify({
    id: 'chatcmpl-bench',
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model: 'bench-model',
    system_fingerprint: 'fp_bench',
    choices: usage ? [] : [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...(usage && { usage }),
  })}\n\n`;

/** The whole reply, encoded once: one buffer per token, the first carrying the role chunk, the last the end. */
function encodeReply(tokens: number): Buffer[] {
  const pieces = replyTokens(tokens).map((token) => chunk({ content: token }, null));
  pieces[0] = chunk({ role: 'assistant', content: '' }, null) + pieces[0];
  pieces[pieces.length - 1] +=
    chunk({}, 'stop') +
    chunk({}, null, { prompt_tokens: 11, completion_tokens: tokens, total_tokens: 11 + tokens }) +
    'data: [DONE]\n\n';
  return pieces.map((piece) => Buffer.from(piece, 'utf8'));
}

function serveFakeUpstream(shape: UpstreamShape) {
  const pieces = encodeReply(Math.max(1, shape.tokens));
  const whole = Buffer.concat(pieces);
  const headers = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };
  const holdUntilOpen = shape.holdUntilOpen ?? 0;
  let open = 0;
  let releaseHeld = () => {};
  const held = new Promise<void>((resolve) => {
    releaseHeld = resolve;
  });
  if (holdUntilOpen === 0) releaseHeld();

  const respond = (res: ServerResponse) => {
    res.writeHead(200, headers);
    if (shape.ttftMs > 0) res.flushHeaders();
    if (holdUntilOpen > 0) {
      open++;
      if (open >= holdUntilOpen) releaseHeld();
      res.on('close', () => open--);
    }
    let next = 0;
    const writeNext = () => {
      if (res.destroyed) return;
      if (shape.gapMs === 0) {
        res.end(whole);
        return;
      }
      const piece = pieces[next++];
      if (next >= pieces.length) {
        res.end(piece);
        return;
      }
      res.write(piece);
      if (next > 1 || holdUntilOpen === 0) {
        setTimeout(writeNext, shape.gapMs);
        return;
      }
      const timeout = new Promise((resolve) => setTimeout(resolve, 60_000).unref());
      void Promise.race([held, timeout]).then(() => setTimeout(writeNext, shape.gapMs));
    };
    if (shape.ttftMs > 0) setTimeout(writeNext, shape.ttftMs);
    else writeNext();
  };

  // The request body is drained unread: the reply does not depend on it, and parsing would cost time.
  const server = createServer((req, res) => {
    // A GET is the bench's control probe: how fast a process doing almost nothing answers on this machine.
    if (req.method === 'GET') {
      res.end('ok');
      return;
    }
    req.on('end', () => respond(res));
    req.resume();
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
  });
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      'ttft-ms': { type: 'string', default: process.env.UPSTREAM_TTFT_MS ?? '50' },
      tokens: { type: 'string', default: process.env.UPSTREAM_TOKENS ?? '20' },
      'gap-ms': { type: 'string', default: process.env.UPSTREAM_GAP_MS ?? '0' },
      'hold-until-open': { type: 'string', default: '0' },
    },
  });
  serveFakeUpstream({
    ttftMs: Number(values['ttft-ms']),
    tokens: Number(values.tokens),
    gapMs: Number(values['gap-ms']),
    holdUntilOpen: Number(values['hold-until-open']),
  });
}
