import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export const passThroughProxyScript = fileURLToPath(import.meta.url);

/** The floor a gateway is compared to: forward the request, pipe the stream back, nothing else. */
function servePassThroughProxy(upstream: URL) {
  const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  const server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      res.writeHead(404).end();
      return;
    }
    const forwarded = request(
      upstream,
      { method: 'POST', headers: { ...req.headers, host: upstream.host }, agent },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      },
    );
    forwarded.on('error', () => res.destroy());
    req.pipe(forwarded);
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
  });
}

if (import.meta.main) {
  const upstream = process.argv[2];
  if (!upstream) throw new Error('usage: pass-through-proxy.ts <upstream chat completions URL>');
  servePassThroughProxy(new URL(upstream));
}
