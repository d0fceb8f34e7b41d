import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, limitsOf, loadConfig } from '../src/config.ts';

test('defaults run the gateway locally on SQLite with no key', () => {
  const config = loadConfig({});
  assert.equal(config.PORT, 8787);
  assert.equal(config.HOST, '127.0.0.1');
  assert.equal(config.DATABASE_URL, 'sqlite:data/haru.sqlite');
  assert.equal(config.OPENAI_API_KEY, undefined);
  assert.equal(config.LOG_LEVEL, 'info');
});

test('empty variables count as unset', () => {
  assert.equal(loadConfig({ OPENAI_API_KEY: '', PORT: '' }).PORT, 8787);
});

test('a bad value stops start-up with a message naming the variable', () => {
  const cases = {
    PORT: 'eighty',
    DATABASE_URL: 'mysql://localhost/haru',
    OPENAI_BASE_URL: 'not a url',
    LOG_LEVEL: 'loud',
  };
  for (const [name, value] of Object.entries(cases)) {
    assert.throws(
      () => loadConfig({ [name]: value }),
      (error: unknown) => error instanceof ConfigError && error.message.includes(name),
      name,
    );
  }
});

test('a gateway started with no settings is already limited; each limit takes large values', () => {
  assert.deepEqual(limitsOf(loadConfig({})), {
    requestsPerMinute: 600,
    tokensPerDay: 2_000_000,
    runsPerUser: 4,
    generatingRuns: 32,
    signupsPerHour: 30,
    streamBufferBytes: 1024 * 1024,
  });
  const huge = '9007199254740991';
  const raised = limitsOf(
    loadConfig({
      HARU_RATE_LIMIT_RPM: huge,
      HARU_TOKENS_PER_DAY: huge,
      HARU_MAX_CONCURRENT_RUNS_PER_USER: '100000',
      HARU_MAX_CONCURRENT_RUNS: '100000',
      HARU_SIGNUPS_PER_HOUR: '1000000',
      HARU_STREAM_BUFFER_BYTES: String(8 * 1024 ** 3),
    }),
  );
  assert.equal(raised.requestsPerMinute, Number.MAX_SAFE_INTEGER);
  assert.equal(raised.tokensPerDay, Number.MAX_SAFE_INTEGER);
  assert.equal(raised.generatingRuns, 100_000);
  assert.equal(raised.streamBufferBytes, 8 * 1024 ** 3);
  for (const bad of ['0', '-5', '1.5', 'lots', '9007199254740993'])
    assert.throws(() => loadConfig({ HARU_RATE_LIMIT_RPM: bad }), ConfigError, bad);
});
