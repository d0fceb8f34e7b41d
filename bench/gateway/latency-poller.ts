import { Agent, get } from 'node:http';

/**
 * GETs `url` every `everyMs` from outside the process it measures: an answer that takes long means that
 * process's event loop was blocked, or, when a control process answers as slowly, that the machine was busy.
 */
export function startLatencyPoller(url: string, everyMs = 10) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const latenciesMs: number[] = [];
  let stopped = false;

  const poll = () =>
    new Promise<void>((resolve) => {
      const sentAt = performance.now();
      const done = () => {
        latenciesMs.push(performance.now() - sentAt);
        resolve();
      };
      get(url, { agent }, (res) => {
        res.resume();
        res.on('end', done);
      }).on('error', done);
    });

  const loop = (async () => {
    while (!stopped) {
      const startedAt = performance.now();
      await poll();
      const wait = everyMs - (performance.now() - startedAt);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  })();

  return {
    async stop(): Promise<number[]> {
      stopped = true;
      await loop;
      agent.destroy();
      return latenciesMs;
    },
  };
}
