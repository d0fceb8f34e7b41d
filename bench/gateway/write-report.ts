import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { benchLog } from './bench-log.ts';
import type { GatewayBenchReport } from './report.ts';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
const resultsDir = fileURLToPath(new URL('../results/', import.meta.url));
const biome = fileURLToPath(new URL('../../node_modules/@biomejs/biome/bin/biome', import.meta.url));

/** Writes bench/results/gateway-<time>.md and .json; returns the path without the extension. */
export function writeReport(report: GatewayBenchReport, markdown: string): string {
  mkdirSync(resultsDir, { recursive: true });
  const base = `${resultsDir}gateway-${report.machine.date.replace(/[:.]/g, '-')}`;
  writeFileSync(`${base}.md`, markdown);
  writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
  // `npm run lint` checks every file in the tree, results included, so they are written in its format.
  try {
    execFileSync(process.execPath, [biome, 'format', '--write', `${base}.md`, `${base}.json`], {
      cwd: repositoryRoot,
      stdio: 'ignore',
    });
  } catch {
    benchLog(`could not format ${base}.md and .json with Biome; run npm run format before committing them`);
  }
  return base;
}
