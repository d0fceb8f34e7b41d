import { concurrencyLimit } from './concurrency-limit';

describe('concurrencyLimit', () => {
  it('runs at most so many tasks at once, each in its turn, and goes on after one fails', async () => {
    const inTurn = concurrencyLimit(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const releases: Array<() => void> = [];
    const task = (index: number) => () => {
      started.push(index);
      running++;
      most = Math.max(most, running);
      return new Promise<number>((resolve, reject) =>
        releases.push(() => {
          running--;
          if (index === 1) reject(new Error('one failed'));
          else resolve(index);
        }),
      );
    };
    const results = [0, 1, 2, 3].map((index) => inTurn(task(index)).catch((error: Error) => error.message));
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    while (releases.length > 0) {
      releases.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await Promise.all(results)).toEqual([0, 'one failed', 2, 3]);
    expect(started).toEqual([0, 1, 2, 3]);
    expect(most).toBe(2);
  });
});
