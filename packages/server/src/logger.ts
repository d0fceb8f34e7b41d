import { Writable } from 'node:stream';
import { pino } from 'pino';
import { logLineForPeople } from './log-line-for-people.ts';

export type { Logger } from 'pino';

/**
 * The gateway's logger: JSON lines, one per event, for whatever collects them; `forPeople` (a person
 * watching a terminal) writes each as a plain line instead.
 */
export function createLogger(level: string, options: { forPeople?: boolean } = {}) {
  const settings = {
    level,
    redact: { paths: ['req.headers.authorization', '*.apiKey', '*.token'], censor: '[redacted]' },
  };
  if (!options.forPeople) return pino(settings);
  const terminal = new Writable({
    write(chunk: Buffer, _encoding, done) {
      process.stdout.write(logLineForPeople(chunk.toString()));
      done();
    },
  });
  return pino(settings, terminal);
}
