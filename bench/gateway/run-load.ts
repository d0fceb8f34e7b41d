import { loadGeneratorScript } from './load-generator.ts';
import type { LoadResult, LoadSpec } from './load-spec.ts';
import { startNodeProcess } from './processes.ts';

/** One measurement in a fresh load generator process: no socket or timer left from the last one skews it. */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const load = startNodeProcess('load generator', [loadGeneratorScript, JSON.stringify(spec)]);
  const code = await load.exited;
  const lastLine = load.stdout().trim().split('\n').at(-1) ?? '';
  if (code !== 0 || !lastLine) {
    throw new Error(`the load generator exited with ${code}:\n${load.stderrTail()}`);
  }
  return JSON.parse(lastLine) as LoadResult;
}
