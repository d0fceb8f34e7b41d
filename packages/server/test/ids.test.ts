import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import { newId } from '../src/ids.ts';

test('ids look like OpenAI’s: a prefix and 24 base62 characters, never repeated', () => {
  const ids = Array.from({ length: 10_000 }, () => newId('msg'));
  for (const id of ids) assert.match(id, /^msg_[0-9A-Za-z]{24}$/);
  assert.equal(new Set(ids).size, ids.length);
});

test('ids made later sort after earlier ones, so new rows land at the end of the id index', () => {
  mock.timers.enable({ apis: ['Date'], now: Date.UTC(2026, 10, 26) });
  try {
    const first = newId('run');
    mock.timers.tick(1);
    const second = newId('run');
    mock.timers.tick(86_400_000 * 365 * 50);
    const later = newId('run');
    assert.ok(first < second && second < later, `${first} ${second} ${later}`);
  } finally {
    mock.timers.reset();
  }
});
