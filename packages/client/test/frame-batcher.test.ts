import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createFrameBatcher } from '../src/react/frame-batcher.ts';

function manualFrames() {
  const pending: Array<() => void> = [];
  return {
    request: (callback: () => void) => pending.push(callback),
    runFrame: () => {
      for (const run of pending.splice(0)) run();
    },
  };
}

test('many updates within one frame commit once, with the latest value', () => {
  const frames = manualFrames();
  const commits: number[] = [];
  const batcher = createFrameBatcher<number>((value) => commits.push(value), frames.request);
  for (let delta = 1; delta <= 50; delta++) batcher.schedule(delta);
  assert.deepEqual(commits, []);
  frames.runFrame();
  assert.deepEqual(commits, [50]);
  batcher.schedule(51);
  batcher.schedule(52);
  frames.runFrame();
  frames.runFrame();
  assert.deepEqual(commits, [50, 52]);
});

test('flush commits a pending value at once and the frame then does nothing', () => {
  const frames = manualFrames();
  const commits: string[] = [];
  const batcher = createFrameBatcher<string>((value) => commits.push(value), frames.request);
  batcher.schedule('last words');
  batcher.flush();
  frames.runFrame();
  assert.deepEqual(commits, ['last words']);
});
