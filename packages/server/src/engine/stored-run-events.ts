import { setTimeout as sleep } from 'node:timers/promises';
import { isDoneFrame, type LoadFrames } from './run-event-log.ts';

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
    let done = false;
    for (const batch of batches) {
      // Ids may jump forward (past events a crashed process sent but never stored): take the batch whole.
      const skip = Math.max(0, next - batch.firstId);
      if (skip >= batch.frames.length) continue;
      const frames = batch.frames.slice(skip);
      yield frames.join('');
      next = batch.firstId + batch.frames.length;
      done ||= frames.some(isDoneFrame);
    }
    if (done) return;
    if (batches.length > 0) continue;
    if (!(await stillRunning())) return;
    await sleep(pollMs);
  }
}
