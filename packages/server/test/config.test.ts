import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.ts';

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
