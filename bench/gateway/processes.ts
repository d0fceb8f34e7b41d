import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A `node` process the bench started; it is killed when the bench exits, however it exits. */
export interface BenchProcess {
  name: string;
  pid: number;
  /** The first line it prints on stdout; rejects if it exits before printing one. */
  firstLine: Promise<string>;
  /** Its exit code, or null when a signal ended it. */
  exited: Promise<number | null>;
  stdout: () => string;
  /** The end of its stderr, to show why it failed. */
  stderrTail: () => string;
  isRunning: () => boolean;
  stop: () => Promise<void>;
}

const running = new Set<ChildProcess>();

export function stopAllProcesses() {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

process.once('exit', stopAllProcesses);

export function startNodeProcess(
  name: string,
  /** Node's arguments: its flags, the script, the script's arguments. */
  command: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): BenchProcess {
  const child = spawn(process.execPath, command, {
    env: options.env ?? process.env,
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.once('error', (error) => {
    stderr += `\n${error.message}`;
  });
  if (child.pid === undefined) throw new Error(`could not start ${name} (${command.join(' ')})`);
  running.add(child);
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout = (stdout + chunk).slice(-1_000_000);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  const firstLine = new Promise<string>((resolve, reject) => {
    const onData = () => {
      const end = stdout.indexOf('\n');
      if (end === -1) return;
      child.stdout.off('data', onData);
      resolve(stdout.slice(0, end));
    };
    child.stdout.on('data', onData);
    void exited.then((code) =>
      reject(new Error(`${name} exited with ${code} before it was ready: ${stderr}`)),
    );
  });
  // Callers that never wait for the first line must not see an unhandled rejection.
  firstLine.catch(() => undefined);

  return {
    name,
    pid: child.pid,
    firstLine,
    exited,
    stdout: () => stdout,
    stderrTail: () => stderr,
    isRunning: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** A crash is the one thing that fails the bench; a missed target is only reported. */
export function assertRunning(server: BenchProcess) {
  if (!server.isRunning()) {
    throw new Error(`${server.name} (pid ${server.pid}) crashed during the bench:\n${server.stderrTail()}`);
  }
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
