import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gatewayCommand } from '../../packages/server/src/launch-command.ts';
import { fakeUpstreamArgs, fakeUpstreamScript, type UpstreamShape } from './fake-upstream.ts';
import { passThroughProxyScript } from './pass-through-proxy.ts';
import { type BenchProcess, freePort, startNodeProcess } from './processes.ts';

/** A server the bench started, with the URL the load generator streams from. */
export interface BenchServer {
  process: BenchProcess;
  url: string;
}

async function listeningPort(server: BenchProcess): Promise<number> {
  return (JSON.parse(await server.firstLine) as { port: number }).port;
}

export async function startUpstream(shape: UpstreamShape): Promise<BenchServer> {
  const upstream = startNodeProcess('fake upstream', [fakeUpstreamScript, ...fakeUpstreamArgs(shape)]);
  return { process: upstream, url: `http://127.0.0.1:${await listeningPort(upstream)}/v1` };
}

export async function startProxy(upstreamUrl: string): Promise<BenchServer> {
  const target = `${upstreamUrl}/chat/completions`;
  const proxy = startNodeProcess('pass-through proxy', [passThroughProxyScript, target]);
  return { process: proxy, url: `http://127.0.0.1:${await listeningPort(proxy)}/v1` };
}

/** A fresh SQLite file in its own temporary directory, removed when the bench exits. */
export function newDatabaseFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'haru-gateway-bench-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'haru.sqlite');
}

/** Limits far past anything the bench sends, as an owner may set them; checkouts without limits ignore them. */
const limitsOff = {
  HARU_RATE_LIMIT_RPM: '1000000000',
  HARU_TOKENS_PER_DAY: '1000000000000',
  HARU_MAX_CONCURRENT_RUNS_PER_USER: '1000000',
  HARU_MAX_CONCURRENT_RUNS: '1000000',
  HARU_SIGNUPS_PER_HOUR: '1000000',
};

/** The gateway under test; its url is the server root, not /v1. */
export async function startGateway(options: {
  main: string;
  upstreamUrl: string;
  databaseFile: string;
  /** The gateway's own limits (per-user and global); off unless asked for, so throughput is the engine's. */
  limits?: 'default' | 'off';
  env?: Record<string, string>;
}): Promise<BenchServer> {
  const port = await freePort();
  const gateway = startNodeProcess('gateway', gatewayCommand(options.main), {
    cwd: dirname(options.main),
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${options.databaseFile}`,
      OPENAI_API_KEY: 'sk-bench',
      OPENAI_BASE_URL: options.upstreamUrl,
      LOG_LEVEL: 'warn',
      ...(options.limits !== 'default' && limitsOff),
      ...options.env,
    },
  });
  const url = `http://127.0.0.1:${port}`;
  // At LOG_LEVEL=warn the gateway prints no "listening" line, so readiness is its health check answering.
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (!gateway.isRunning()) break;
    const healthy = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return { process: gateway, url };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await gateway.stop();
  throw new Error(`the gateway at ${options.main} did not become healthy:\n${gateway.stderrTail()}`);
}
