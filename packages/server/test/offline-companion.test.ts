import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChatMessage, StreamPart } from '../src/providers/model-provider.ts';
import { companionReply, offlineCompanionProvider } from '../src/providers/offline-companion.ts';

const user = (content: string): ChatMessage => ({ role: 'user', content });
const hangul = /[\uac00-\ud7a3]/;

test('answers Korean in Korean and English in English, ending with one question', () => {
  const korean = companionReply([user('오늘 회사에서 너무 피곤했어')]);
  assert.match(korean, hangul);
  assert.equal(korean.match(/\?/g)?.length, 1);
  assert.ok(korean.endsWith('?'));

  const english = companionReply([user('I had lunch with a friend and it was fun')]);
  assert.doesNotMatch(english, hangul);
  assert.equal(english.match(/\?/g)?.length, 1);
  assert.ok(english.endsWith('?'));
});

test('reflects the feeling and asks about the topic the person mentioned', () => {
  const reply = companionReply([user('I was so tired after the meeting with my boss')]);
  assert.match(reply, /worn out|draining/);
  assert.match(reply, /work/);
  assert.notEqual(companionReply([user('I cried today, I miss my mom')]), reply);
});

test('does not ask the same question twice in a row', () => {
  const first = companionReply([user('I went for a walk')]);
  const second = companionReply([
    user('I went for a walk'),
    { role: 'assistant', content: first },
    user('Another walk'),
  ]);
  assert.notEqual(second, first);
});

test('opens an empty day with a greeting question', () => {
  assert.match(companionReply([{ role: 'system', content: 'Be warm.' }]), /\?$/);
});

test('streams word by word, ends with usage, and stops when aborted', async () => {
  const provider = offlineCompanionProvider({ wordDelayMs: 0 });
  const parts: StreamPart[] = [];
  for await (const part of provider.stream({
    model: 'm',
    messages: [user('오늘 친구랑 커피 마셨어')],
    signal: new AbortController().signal,
  })) {
    parts.push(part);
  }
  const deltas = parts.filter((p) => p.type === 'text-delta');
  assert.ok(deltas.length > 3, 'several deltas');
  assert.equal(parts.at(-1)?.type, 'finish');

  const abort = new AbortController();
  const partial: StreamPart[] = [];
  for await (const part of provider.stream({
    model: 'm',
    messages: [user('hello there')],
    signal: abort.signal,
  })) {
    partial.push(part);
    abort.abort();
  }
  assert.deepEqual(
    partial.map((p) => p.type),
    ['text-delta'],
  );
});
