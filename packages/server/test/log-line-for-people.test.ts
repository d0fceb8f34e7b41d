import assert from 'node:assert/strict';
import { test } from 'node:test';
import { logLineForPeople } from '../src/log-line-for-people.ts';

const at = new Date(2026, 10, 27, 9, 5, 7).getTime();
const line = (entry: Record<string, unknown>) =>
  `${JSON.stringify({ level: 30, time: at, pid: 1, hostname: 'h', ...entry })}\n`;

test('a log line reads as time, level and message, with what else it carries after', () => {
  assert.equal(
    logLineForPeople(line({ level: 40, msg: 'closed runs a stopped gateway left unfinished', runs: 2 })),
    '09:05:07 warn  closed runs a stopped gateway left unfinished {"runs":2}\n',
  );
  assert.equal(logLineForPeople(line({ msg: 'Sign-up is open.' })), '09:05:07 info  Sign-up is open.\n');
});

test("a request is one short line, and an error shows the error's message", () => {
  assert.equal(
    logLineForPeople(line({ msg: 'request', method: 'GET', path: '/v1/threads', status: 200, ms: 3 })),
    '09:05:07 info  GET /v1/threads 200 3 ms\n',
  );
  assert.equal(
    logLineForPeople(
      line({ level: 50, msg: 'run upkeep failed', err: { type: 'Error', message: 'disk full' } }),
    ),
    '09:05:07 error run upkeep failed: disk full\n',
  );
});

test('what is not a log line passes through unchanged', () => {
  for (const text of ['plain text\n', '[1,2]\n', '{"no":"level"}\n', 'null\n']) {
    assert.equal(logLineForPeople(text), text);
  }
});
