import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readChatCompletionChunk } from '../src/providers/chat-completion-chunk.ts';

const chunk = (fields: object) => JSON.stringify({ object: 'chat.completion.chunk', ...fields });

test('a chunk gives its text, finish reason and usage', () => {
  assert.deepEqual(
    readChatCompletionChunk(chunk({ choices: [{ delta: { content: '안녕' }, finish_reason: null }] })),
    { kind: 'delta', text: '안녕', toolCalls: undefined, finishReason: undefined, usage: undefined },
  );
  assert.deepEqual(
    readChatCompletionChunk(
      chunk({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 'many', total_tokens: 3 } }),
    ),
    {
      kind: 'delta',
      text: undefined,
      toolCalls: undefined,
      finishReason: undefined,
      usage: { promptTokens: 3, completionTokens: 0 },
    },
  );
  assert.deepEqual(readChatCompletionChunk(chunk({ choices: [{ delta: {}, finish_reason: 'length' }] })), {
    kind: 'delta',
    text: undefined,
    toolCalls: undefined,
    finishReason: 'length',
    usage: undefined,
  });
});

test('empty and null content, a role-only delta and a missing delta add no text', () => {
  for (const choice of [
    { delta: { content: '' } },
    { delta: { content: null } },
    { delta: { role: 'assistant' } },
    {},
  ]) {
    const reading = readChatCompletionChunk(chunk({ choices: [choice] }));
    assert.equal(reading.kind === 'delta' && reading.text, undefined, JSON.stringify(choice));
  }
});

test('chunks that break the format are unreadable, whatever shape they take', () => {
  for (const data of [
    '{"choices":[{"delta":{"content":"cut',
    '"just a string"',
    'null',
    chunk({ choices: { 0: {} } }),
    chunk({ choices: ['text'] }),
    chunk({ choices: [{ delta: 'text' }] }),
    chunk({ choices: [{ delta: { content: { text: 'hi' } } }] }),
    chunk({ choices: [{ delta: { content: 42 } }] }),
    chunk({ choices: [{ delta: { content: ['a'] } }] }),
    chunk({ choices: [{ delta: {}, finish_reason: 1 }] }),
  ]) {
    assert.equal(readChatCompletionChunk(data).kind, 'unreadable', data);
  }
});

test("an error inside the stream keeps the upstream's message for the log", () => {
  assert.deepEqual(readChatCompletionChunk('{"error":{"message":"overloaded","type":"server_error"}}'), {
    kind: 'upstream-error',
    detail: 'overloaded',
    error: { message: 'overloaded', type: 'server_error' },
  });
  assert.deepEqual(readChatCompletionChunk('{"error":"bad gateway"}'), {
    kind: 'upstream-error',
    detail: 'bad gateway',
    error: 'bad gateway',
  });
});

test('a tool call piece gives its index, and its id and name when it starts the call', () => {
  const first = {
    index: 1,
    id: 'call_b',
    type: 'function',
    function: { name: 'get_weather', arguments: '' },
  };
  const later = { index: 1, function: { arguments: '{"city":' } };
  assert.deepEqual(readChatCompletionChunk(chunk({ choices: [{ delta: { tool_calls: [first] } }] })), {
    kind: 'delta',
    text: undefined,
    toolCalls: [{ index: 1, id: 'call_b', name: 'get_weather', arguments: '' }],
    finishReason: undefined,
    usage: undefined,
  });
  const reading = readChatCompletionChunk(chunk({ choices: [{ delta: { tool_calls: [later] } }] }));
  assert.deepEqual(reading.kind === 'delta' && reading.toolCalls, [
    { index: 1, id: undefined, name: undefined, arguments: '{"city":' },
  ]);
});

test('a malformed tool call makes the chunk unreadable', () => {
  for (const toolCalls of [{}, [{ index: 'one' }], [{ index: 0, function: { arguments: 5 } }], ['call']]) {
    const reading = readChatCompletionChunk(chunk({ choices: [{ delta: { tool_calls: toolCalls } }] }));
    assert.equal(reading.kind, 'unreadable', JSON.stringify(toolCalls));
  }
});
