import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { benchLog } from './bench-log.ts';
import type { BenchSettings } from './bench-settings.ts';
import { createThread, registerBenchUsers } from './gateway-api.ts';
import { memoryMb } from './proc-stats.ts';
import { assertRunning } from './processes.ts';
import { newDatabaseFile, startGateway, startUpstream } from './start-servers.ts';

export interface NonReadersResult {
  clients: number;
  tokens: number;
  idleRssMb: number;
  /** VmHWM: the most resident memory the gateway held while the runs generated and after. */
  peakRssMb: number;
  /** Runs that completed and were stored although no client read them. */
  completed: number;
}

/**
 * With the default limits: clients that ask for a long streamed reply and never read a byte of it. The
 * gateway must hold only a bounded part of each stream, and the runs must still complete and be stored.
 */
export async function measureNonReaders(settings: BenchSettings): Promise<NonReadersResult> {
  const { clients, tokens, runsPerUser } = settings.nonReaders;
  const upstream = await startUpstream({ ttftMs: 0, tokens, gapMs: 0 });
  const gateway = await startGateway({
    main: settings.gatewayMain,
    upstreamUrl: upstream.url,
    databaseFile: newDatabaseFile(),
    limits: 'default',
    // Many users from one address; each stays within the per-user limit of runs.
    env: { HARU_SIGNUPS_PER_HOUR: '100000' },
  });
  const sockets: Socket[] = [];
  try {
    const users = await registerBenchUsers(gateway.url, Math.ceil(clients / runsPerUser));
    const port = Number(new URL(gateway.url).port);
    const idleRssMb = memoryMb(gateway.process.pid).rss;
    benchLog(`${clients} clients ask for ${tokens.toLocaleString('en')}-token replies and never read them`);
    const runs: Array<{ token: string; threadId: string }> = [];
    for (let i = 0; i < clients; i++) {
      const user = users[i % users.length];
      if (!user) throw new Error('no bench user');
      const threadId = await createThread(gateway.url, user.token);
      runs.push({ token: user.token, threadId });
      const body = JSON.stringify({ assistant_id: user.assistantId, stream: true });
      const socket = connect(port, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.write(
        `POST /v1/threads/${threadId}/runs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${user.token}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      socket.pause();
      sockets.push(socket);
    }
    const statusOf = async ({ token, threadId }: { token: string; threadId: string }) => {
      const response = await fetch(`${gateway.url}/v1/threads/${threadId}/runs?limit=1`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return ((await response.json()) as { data: Array<{ status: string }> }).data[0]?.status;
    };
    const deadline = Date.now() + 300_000;
    let completed = 0;
    while (Date.now() < deadline) {
      const statuses = await Promise.all(runs.map(statusOf));
      completed = statuses.filter((status) => status === 'completed').length;
      if (statuses.every((status) => status !== 'queued' && status !== 'in_progress')) break;
      await sleep(1000);
    }
    assertRunning(gateway.process);
    return { clients, tokens, idleRssMb, peakRssMb: memoryMb(gateway.process.pid).peak, completed };
  } finally {
    for (const socket of sockets) socket.destroy();
    await Promise.all([upstream, gateway].map((server) => server.process.stop()));
  }
}
