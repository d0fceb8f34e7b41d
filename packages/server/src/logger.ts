import { pino } from 'pino';

export type { Logger } from 'pino';

export function createLogger(level: string) {
  return pino({
    level,
    redact: { paths: ['req.headers.authorization', '*.apiKey', '*.token'], censor: '[redacted]' },
  });
}
