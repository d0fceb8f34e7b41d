import { setTimeout as sleep } from 'node:timers/promises';
import { framesFrom, isDoneFrame, type LoadFrames } from './run-event-log.ts';

/**
 * The events of a run this process is not generating (it ended, or another instance holds it), read
 * from the database after `afterId`: replayed, then followed while `stillRunning` says more may come.
 * A turn that waited for tool outputs ended its stream with `done`; when the run went on after it, a
 * reader from before reads on to the run's end, as one stream.
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
      const last = stored.frames.length - 1;
      const endsWithDone = isDoneFrame(stored.frames[last] ?? '');
      const final = endsWithDone && framesFrom(await load(next - 1), next).frames.length === 0;
      const frames = stored.frames.filter((frame, index) => !isDoneFrame(frame) || (index === last && final));
      if (frames.length > 0) yield frames.join('');
      if (final) return;
      continue;
    }
    if (!(await stillRunning())) return;
    await sleep(pollMs);
  }
}
