import { setTimeout as sleep } from 'node:timers/promises';
import { framesFrom, isDoneFrame, type LoadFrames } from './run-event-log.ts';

/**
 * The events of a run this process is not generating (it ended, or another instance holds it), read
 * from the database after `afterId`: replayed, then followed while `stillRunning` says more may come.
 */
export async function* storedRunEvents(
  load: LoadFrames,
  afterId: number,
  stillRunning: () => Promise<boolean>,
  pollMs = 250,
): AsyncGenerator<string> {
  let next = afterId + 1;
  while (true) {
    const batches = await load(next - 1);
    const stored = framesFrom(batches, next);
    if (stored.frames.length > 0) {
      next = stored.next;
      yield stored.frames.join('');
      if (stored.frames.some(isDoneFrame)) return;
      continue;
    }
    if (!(await stillRunning())) return;
    await sleep(pollMs);
  }
}
