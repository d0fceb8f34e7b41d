import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { dirname } from 'node:path';

export interface MachineDescription {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  os: string;
  date: string;
  /** The 1-minute load average as the bench starts: how much else the machine was doing. */
  loadAverage: number;
}

export function describeMachine(): MachineDescription {
  return {
    cpu: cpus()[0]?.model ?? 'unknown CPU',
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${type()} ${release()}`,
    date: new Date().toISOString(),
    loadAverage: Math.round((loadavg()[0] ?? 0) * 10) / 10,
  };
}

export interface CheckoutDescription {
  main: string;
  /** Short commit of the checkout the gateway runs from, if it is a git checkout. */
  commit: string | undefined;
  /** Files changed or added, and not committed, beside the gateway's main.ts. */
  uncommittedFiles: number;
}

const git = (cwd: string, args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();

/** Which gateway code was measured, since two checkouts are compared by their reports. */
export function describeCheckout(main: string): CheckoutDescription {
  const source = dirname(main);
  try {
    const changed = git(source, ['status', '--porcelain', '--', '.']);
    return {
      main,
      commit: git(source, ['rev-parse', '--short', 'HEAD']),
      uncommittedFiles: changed ? changed.split('\n').length : 0,
    };
  } catch {
    return { main, commit: undefined, uncommittedFiles: 0 };
  }
}
