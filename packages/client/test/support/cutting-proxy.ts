import type { AddressInfo } from 'node:net';
import { connect, createServer, type Socket } from 'node:net';

/** The start of an HTTP/1.1 request: its method and target. */
const requestLine = /(GET|POST|PUT|PATCH|DELETE|OPTIONS|HEAD) (\/\S*) HTTP\/1\.1\r\n/g;

/**
 * A TCP proxy in front of the gateway that, once armed, cuts the next connection right after it relays
 * the first `thread.message.delta` event: a phone losing its network in the middle of a reply. It notes
 * every request it passes on (`GET /v1/threads/…`), so tests can tell how a reply was recovered.
 */
export async function startCuttingProxy(targetPort: number) {
  let armed = false;
  let cuts = 0;
  const requests: string[] = [];
  const sockets = new Set<Socket>();

  const server = createServer((client) => {
    const gateway = connect(targetPort, '127.0.0.1');
    sockets.add(client).add(gateway);
    const closeBoth = () => {
      client.destroy();
      gateway.destroy();
    };
    client.on('error', closeBoth).on('close', closeBoth);
    gateway.on('error', closeBoth).on('close', closeBoth);
    client.pipe(gateway);
    let unread = '';
    client.on('data', (chunk: Buffer) => {
      unread += chunk.toString('latin1');
      let end = 0;
      for (const match of unread.matchAll(requestLine)) {
        requests.push(`${match[1]} ${match[2]}`);
        end = match.index + match[0].length;
      }
      unread = unread.slice(end);
    });
    let relayed = '';
    gateway.on('data', (chunk: Buffer) => {
      client.write(chunk);
      if (!armed) return;
      relayed += chunk.toString('latin1');
      if (!relayed.includes('event: thread.message.delta')) return;
      armed = false;
      cuts++;
      closeBoth();
    });
    gateway.on('end', () => client.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cutNextStream() {
      armed = true;
    },
    cuts: () => cuts,
    requests: () => [...requests],
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
