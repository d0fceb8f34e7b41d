import assert from 'node:assert/strict';
import { test } from 'node:test';
import { llamaChatHistory } from '../src/providers/local/llama-chat-history.ts';

test('a conversation becomes chat history ending with a new model turn to generate', () => {
  assert.deepEqual(
    llamaChatHistory([
      { role: 'system', content: 'Reply warmly.' },
      { role: 'user', content: '안녕' },
      { role: 'assistant', content: '안녕하세요 🌿' },
      { role: 'user', content: '오늘 산책했어' },
    ]),
    [
      { type: 'system', text: 'Reply warmly.' },
      { type: 'user', text: '안녕' },
      { type: 'model', response: ['안녕하세요 🌿'] },
      { type: 'user', text: '오늘 산책했어' },
      { type: 'model', response: [] },
    ],
  );
});

test('submitted tool outputs join the calls they answer, and generation continues that model turn', () => {
  assert.deepEqual(
    llamaChatHistory([
      { role: 'user', content: '서울과 부산 날씨?' },
      {
        role: 'assistant',
        content: '',
        toolCalls: [
          { id: 'call_1', name: 'get_weather', arguments: '{"city":"서울"}' },
          { id: 'call_2', name: 'get_weather', arguments: '{"city":"부산"}' },
        ],
      },
      { role: 'tool', toolCallId: 'call_2', content: '비' },
      { role: 'tool', toolCallId: 'call_1', content: '맑음' },
    ]),
    [
      { type: 'user', text: '서울과 부산 날씨?' },
      {
        type: 'model',
        response: [
          { type: 'functionCall', name: 'get_weather', params: { city: '서울' }, result: '맑음' },
          { type: 'functionCall', name: 'get_weather', params: { city: '부산' }, result: '비' },
        ],
      },
    ],
  );
});
