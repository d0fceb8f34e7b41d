import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { chatCompletionReader } from '../src/providers/chat-completion-reader.ts';
import type { StreamPart } from '../src/providers/model-provider.ts';
import { createSseParser } from '../src/providers/sse-parser.ts';

const recorded = readFileSync(new URL('./fixtures/chat-completions-korean.sse', import.meta.url));
const expectedText = '산책하면서 마음이 조금 가벼워졌겠어요 🌿 어디를 걸었어요?';

/** The `data` of every event in `chunks`, fed one after another. */
function dataOf(chunks: Buffer[]): string[] {
  const events: string[] = [];
  const push = createSseParser((data) => events.push(data));
  for (const chunk of chunks) push(chunk);
  return events;
}

/** The parts a recorded stream becomes, fed in `chunks`. */
function partsOf(chunks: Buffer[]): StreamPart[] {
  const parts: StreamPart[] = [];
  const reader = chatCompletionReader({
    push: (part) => parts.push(part),
    close: (last) => last && parts.push(last),
    failBeforeReply: (failure) => parts.push(failure.part),
  });
  const push = createSseParser(reader.data);
  for (const chunk of chunks) push(chunk);
  reader.end();
  return parts;
}

function splitAt(bytes: Buffer, ...positions: number[]): Buffer[] {
  const cuts = [0, ...positions, bytes.length];
  return cuts.slice(1).map((end, index) => bytes.subarray(cuts[index], end));
}

const withLineEndings = (bytes: Buffer, ending: string) =>
  Buffer.from(bytes.toString('utf8').replaceAll('\n', ending), 'utf8');

test('the recorded stream parses to its text, finish and usage', () => {
  const parts = partsOf([recorded]);
  const text = parts.flatMap((part) => (part.type === 'text-delta' ? [part.text] : [])).join('');
  assert.equal(text, expectedText);
  assert.deepEqual(parts.at(-1), {
    type: 'finish',
    reason: 'stop',
    usage: { promptTokens: 42, completionTokens: 17 },
  });
  assert.equal(dataOf([recorded]).at(-1), '[DONE]');
});

test('cut at every byte, even inside a Korean syllable or an emoji, the stream gives the same parts', () => {
  const whole = partsOf([recorded]);
  for (let at = 0; at <= recorded.length; at++) {
    assert.deepEqual(partsOf(splitAt(recorded, at)), whole, `cut at byte ${at}`);
  }
  assert.deepEqual(partsOf([...recorded].map((byte) => Buffer.from([byte]))), whole, 'one byte at a time');
});

test('\\r\\n and lone \\r line endings parse like \\n, wherever the chunks are cut', () => {
  const whole = dataOf([recorded]);
  for (const ending of ['\r\n', '\r']) {
    const bytes = withLineEndings(recorded, ending);
    for (let at = 0; at <= bytes.length; at++) {
      assert.deepEqual(dataOf(splitAt(bytes, at)), whole, `${JSON.stringify(ending)} cut at byte ${at}`);
    }
  }
});

test('random cuts into many pieces give the same events', () => {
  const whole = dataOf([recorded]);
  let seed = 7;
  const random = () => {
    seed = (seed * 48271) % 2147483647;
    return seed / 2147483647;
  };
  for (let round = 0; round < 200; round++) {
    const positions = Array.from({ length: 1 + Math.floor(random() * 40) }, () =>
      Math.floor(random() * recorded.length),
    ).sort((a, b) => a - b);
    assert.deepEqual(dataOf(splitAt(withLineEndings(recorded, '\r\n'), ...positions)), whole);
    assert.deepEqual(dataOf(splitAt(recorded, ...positions)), whole, `cuts at ${positions.join(',')}`);
  }
});

test('comments and other fields are skipped; multi-line data is joined; a cut-off event is dropped', () => {
  const stream = [
    ': keep-alive',
    '',
    'event: message',
    'id: 7',
    'retry: 1000',
    'data: {"a":1}',
    '',
    'data:first',
    'data: second',
    'data',
    '',
    'datum: not a data field',
    '',
    'data: never finished',
  ].join('\n');
  const expected = ['{"a":1}', 'first\nsecond\n'];
  assert.deepEqual(dataOf([Buffer.from(stream)]), expected);
  const crlf = Buffer.from(stream.replaceAll('\n', '\r\n'));
  for (let at = 0; at <= crlf.length; at++) {
    assert.deepEqual(dataOf(splitAt(crlf, at)), expected, `\\r\\n cut at byte ${at}`);
  }
});
