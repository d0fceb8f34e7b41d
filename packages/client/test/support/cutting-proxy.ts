import type { AddressInfo } from 'node:net';
import { connect, createServer, type Socket } from 'node:net';

/**
 * A TCP proxy in front of the gateway that, once armed, cuts the next connection right after it relays
 * the first `thread.message.delta` event: a phone losing its network in the middle of a reply.
 */
export async function startCuttingProxy(targetPort: number) {
  let armed = false;
  let cuts = 0;
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
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
