import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  emptyRunSnapshot,
  messageText,
  type RunSnapshot,
  reduceRunEvent,
} from '../src/stream/run-snapshot.ts';
import type { RunStreamEvent } from '../src/types.ts';
import { recordedEvents } from './support/fixtures.ts';

const replay = (events: RunStreamEvent[]) => events.reduce(reduceRunEvent, emptyRunSnapshot);

test('a recorded gateway stream builds the thread, the run and the full reply', () => {
  const events = recordedEvents('gateway-thread-and-run.sse');
  const snapshot = replay(events);
  assert.equal(snapshot.done, true);
  assert.equal(snapshot.thread?.object, 'thread');
  assert.equal(snapshot.run?.status, 'completed');
  assert.equal(snapshot.steps.length, 1);
  assert.equal(snapshot.messages.length, 1);
  const deltas = events.flatMap((e) =>
    e.event === 'thread.message.delta' ? [e.data.delta.content?.[0]?.text?.value ?? ''] : [],
  );
  const completed = events.find((e) => e.event === 'thread.message.completed')?.data as { content: unknown };
  assert.equal(messageText(snapshot.messages[0]), deltas.join(''));
  assert.deepEqual(snapshot.messages[0]?.content, completed.content);
});

test('the text grows delta by delta, keeping every space', () => {
  const events = recordedEvents('openai-failed-run.sse');
  const texts: string[] = [];
  events.reduce((snapshot: RunSnapshot, event) => {
    const next = reduceRunEvent(snapshot, event);
    if (event.event === 'thread.message.delta') texts.push(messageText(next.messages[0]));
    return next;
  }, emptyRunSnapshot);
  assert.deepEqual(texts, ['That sounds', 'That sounds  like a', 'That sounds  like a  lot']);
});

test('a failed run keeps its partial message, marked incomplete, and the error', () => {
  const snapshot = replay(recordedEvents('openai-failed-run.sse'));
  assert.equal(snapshot.run?.status, 'failed');
  assert.deepEqual(snapshot.run?.last_error, {
    code: 'rate_limit_exceeded',
    message: 'Rate limit reached for gpt-4o.',
  });
  assert.equal(snapshot.messages[0]?.status, 'incomplete');
  assert.equal(messageText(snapshot.messages[0]), 'That sounds  like a  lot');
  assert.equal(snapshot.steps[0]?.status, 'failed');
});

test('tool-call step deltas assemble each call’s id, name and arguments', () => {
  const snapshot = replay(recordedEvents('openai-tool-calls.sse'));
  assert.equal(snapshot.run?.status, 'requires_action');
  const details = snapshot.steps[0]?.step_details;
  assert.equal(details?.type, 'tool_calls');
  assert.deepEqual(details?.type === 'tool_calls' ? details.tool_calls : [], [
    {
      id: 'call_Xy7',
      type: 'function',
      function: { name: 'get_weather', arguments: '{"city":"Seoul"}', output: null },
    },
    {
      id: 'call_Zq1',
      type: 'function',
      function: { name: 'get_weather', arguments: '{"city":"Busan"}', output: null },
    },
  ]);
});

test('the reducer is pure: earlier snapshots never change', () => {
  const events = recordedEvents('gateway-thread-and-run.sse');
  const midway = replay(events.slice(0, 10));
  const frozen = JSON.stringify(midway);
  events.slice(10).reduce(reduceRunEvent, midway);
  assert.equal(JSON.stringify(midway), frozen);
});

test('unknown events leave the snapshot as it was', () => {
  const snapshot = replay(recordedEvents('gateway-thread-and-run.sse').slice(0, 5));
  const unknown = { event: 'thread.run.step.party', data: { id: 'x' } } as unknown as RunStreamEvent;
  assert.equal(reduceRunEvent(snapshot, unknown), snapshot);
  const future = { event: 'response.output_text.delta', data: {} } as unknown as RunStreamEvent;
  assert.equal(reduceRunEvent(snapshot, future), snapshot);
});

test('the snapshot keeps the id of the last event that had one', () => {
  const events = recordedEvents('gateway-thread-and-run.sse');
  assert.equal(replay(events.slice(0, 10)).lastEventId, '10');
  const unnumbered = { event: 'thread.message.delta', data: events[9]?.data } as RunStreamEvent;
  assert.equal(replay([...events.slice(0, 10), unnumbered]).lastEventId, '10');
  assert.equal(replay(recordedEvents('openai-failed-run.sse')).lastEventId, undefined);
});

test('a full message object never shortens text that deltas already delivered', () => {
  const events = recordedEvents('openai-failed-run.sse');
  const withDeltas = replay(
    events.filter((e) => e.event !== 'thread.message.incomplete' && e.event !== 'done'),
  );
  const stale = events.find((e) => e.event === 'thread.message.in_progress') as RunStreamEvent;
  assert.equal(messageText(reduceRunEvent(withDeltas, stale).messages[0]), 'That sounds  like a  lot');
});
