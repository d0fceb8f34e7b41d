import { HaruApiError, HaruConnectionError, type Run } from '@haru/client';
import { strings } from '@/i18n/strings';
import { UnreadableDeviceKeyError } from './connect';
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

  it('says kindly, in the app’s language, that a reply broke off, without the server’s developer words', () => {
    const run = {
      last_error: {
        code: 'server_error',
        message: 'The gateway restarted while this run was in progress. Create a new run to continue.',
      },
    } as Run;
    expect(describeProblem(undefined, run, en)).toEqual({
      kind: 'interrupted',
      message: en.errorReplyInterrupted,
    });
    expect(describeProblem(undefined, run, strings.ko).message).toBe(strings.ko.errorReplyInterrupted);
  });

  it('shows only the app’s own words for an unexpected error, never the server’s English', () => {
    const error = new HaruApiError(500, { error: { message: 'Incorrect API key provided: sk-…' } });
    const problem = describeProblem(error, undefined, strings.ko);
    expect(problem.kind).toBe('other');
    expect(problem.message).toBe(strings.ko.errorGeneric);
    expect(problem.detail).toBe('Incorrect API key provided: sk-…');
  });

  it('never answers an unreadable device key with a generic error', () => {
    expect(describeProblem(new UnreadableDeviceKeyError(new Error('locked')), undefined, en)).toEqual({
      kind: 'device-key',
      message: en.errorDeviceKey,
    });
  });
});
