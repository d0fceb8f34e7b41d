import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { benchLog } from './bench-log.ts';
import type { GatewayBenchReport } from './report.ts';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
const resultsDir = fileURLToPath(new URL('../results/', import.meta.url));
const biome = fileURLToPath(new URL('../../node_modules/@biomejs/biome/bin/biome', import.meta.url));

/**
 * Writes bench/results/<name>-<time>.<extension> for each of `files`; returns the path without the
 * extension. `time` is an ISO date.
 */
export function writeResults(name: string, time: string, files: Record<string, string>): string {
  mkdirSync(resultsDir, { recursive: true });
  const base = `${resultsDir}${name}-${time.replace(/[:.]/g, '-')}`;
  const paths = Object.entries(files).map(([extension, text]) => {
    writeFileSync(`${base}.${extension}`, text);
    return `${base}.${extension}`;
  });
  // `npm run lint` checks every file in the tree, results included, so they are written in its format.
  try {
    execFileSync(process.execPath, [biome, 'format', '--write', ...paths], {
      cwd: repositoryRoot,
      stdio: 'ignore',
    });
  } catch {
    benchLog(`could not format ${paths.join(' and ')} with Biome; run npm run format before committing them`);
  }
  return base;
}

/** Writes bench/results/gateway-<time>.md and .json; returns the path without the extension. */
export const writeReport = (report: GatewayBenchReport, markdown: string): string =>
  writeResults('gateway', report.machine.date, {
    md: markdown,
    json: `${JSON.stringify(report, null, 2)}\n`,
  });
