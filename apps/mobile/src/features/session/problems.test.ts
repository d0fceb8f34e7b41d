import { HaruApiError, HaruConnectionError, type Run } from '@haru/client';
import { strings } from '@/i18n/strings';
import { describeProblem } from './problems';

const en = strings.en;

describe('what went wrong with a reply', () => {
  it('names a rate limit, from the gateway or from the model behind it', () => {
    expect(describeProblem(new HaruApiError(429, {}), undefined, en).kind).toBe('rate-limited');
    const run = { last_error: { code: 'rate_limit_exceeded', message: 'slow down' } } as Run;
    expect(describeProblem(undefined, run, en)).toEqual({
      kind: 'rate-limited',
      message: en.errorRateLimited,
    });
  });

  it('names an unreachable server, and being offline when the device says so', () => {
    expect(describeProblem(new HaruConnectionError('boom'), undefined, en).kind).toBe('unreachable');
    Object.defineProperty(globalThis.navigator, 'onLine', { value: false, configurable: true });
    try {
      expect(describeProblem(new HaruConnectionError('boom'), undefined, en).message).toBe(en.errorOffline);
    } finally {
      Object.defineProperty(globalThis.navigator, 'onLine', { value: true, configurable: true });
    }
  });

  it('passes on the server’s own words otherwise', () => {
    const run = {
      last_error: { code: 'server_error', message: 'The model server is unavailable (503).' },
    } as Run;
    expect(describeProblem(undefined, run, en).message).toBe(
      `${en.errorGeneric}: The model server is unavailable (503).`,
    );
  });
});
