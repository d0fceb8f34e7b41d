import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { gatewayCommand } from '../../src/launch-command.ts';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The real gateway as its own process, for tests and benchmarks of other packages. It keeps one port,
 * so it can be stopped (as a crashed server would be) and started again at the same address.
 */
export async function startGatewayProcess(env: Record<string, string> = {}) {
  const port = await freePort();
  let child: ChildProcess | undefined;

  const start = async () => {
    const gateway: ChildProcess = spawn(process.execPath, gatewayCommand(), {
      env: {
        ...process.env,
        DATABASE_URL: 'sqlite::memory:',
        OPENAI_API_KEY: '',
        ...env,
        PORT: String(port),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child = gateway;
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const onData = (chunk: Buffer) => {
        output += chunk;
        if (!output.includes('listening on')) return;
        // Keep draining its log: a full pipe would block the gateway's event loop.
        gateway.stdout?.off('data', onData);
        gateway.stdout?.resume();
        resolve();
      };
      gateway.stdout?.on('data', onData);
      gateway.once('exit', (code) => reject(new Error(`the gateway exited with ${code}: ${output}`)));
    });
  };

  const stop = async () => {
    const gateway = child;
    if (!gateway || gateway.exitCode !== null || gateway.signalCode !== null) return;
    const exited = new Promise((resolve) => gateway.once('exit', resolve));
    gateway.kill('SIGKILL');
    await exited;
  };

  await start();
  return { url: `http://127.0.0.1:${port}`, start, stop };
}
