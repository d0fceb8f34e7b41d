import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diaryEntrySchema, parseDiaryEntry } from '@haru/client/diary-entry';
import type { GenerateRequest, ModelProvider, StreamPart } from '../src/providers/model-provider.ts';
import { withStructuredOutput } from '../src/providers/structured-output.ts';
import { startGateway } from './support/gateway.ts';
import { readEvents } from './support/sse.ts';

/** A model that answers each call with the next scripted reply, in small pieces, and records the calls. */
function scriptedModel(replies: Array<string | StreamPart[]>) {
  const calls: GenerateRequest[] = [];
  const provider: ModelProvider = {
    name: 'scripted',
    async *stream(request) {
      calls.push(request);
      const reply = replies[calls.length - 1] ?? '';
      if (typeof reply !== 'string') {
        yield* reply;
        return;
      }
      for (const piece of reply.match(/.{1,7}/gs) ?? []) yield { type: 'text-delta', text: piece };
      yield { type: 'finish', reason: 'stop', usage: { promptTokens: 100, completionTokens: 20 } };
    },
  };
  return { provider, calls };
}

const diaryFormat: GenerateRequest['responseFormat'] = {
  type: 'json_schema',
  json_schema: { name: 'diary_entry', strict: true, schema: diaryEntrySchema },
};

const request = (responseFormat: GenerateRequest['responseFormat']): GenerateRequest => ({
  model: 'm',
  messages: [
    { role: 'system', content: 'Write the diary entry.' },
    { role: 'user', content: 'Me: I fought with my best friend.' },
  ],
  responseFormat,
  signal: new AbortController().signal,
});

async function run(provider: ModelProvider, req: GenerateRequest) {
  const parts: StreamPart[] = [];
  for await (const part of withStructuredOutput(provider).stream(req)) parts.push(part);
  const text = parts.map((part) => (part.type === 'text-delta' ? part.text : '')).join('');
  return { parts, text };
}

const valid = JSON.stringify({
  entry: 'I fought with my best friend today.',
  mood: 'sad',
  summary: 'A fight.',
});
const wrongMood = JSON.stringify({
  entry: 'I fought with my best friend.',
  mood: 'meh',
  summary: 'A fight.',
});

test('a valid reply passes through as it streamed, with one call to the model', async () => {
  const model = scriptedModel([valid]);
  const { parts, text } = await run(model.provider, request(diaryFormat));
  assert.equal(model.calls.length, 1);
  assert.equal(text, valid);
  assert.ok(parts.filter((part) => part.type === 'text-delta').length > 3, 'still streamed in pieces');
  assert.deepEqual(parts.at(-1), {
    type: 'finish',
    reason: 'stop',
    usage: { promptTokens: 100, completionTokens: 20 },
  });
});

test('a reply that strays gets one repair turn naming the error, and only the repaired reply reaches the run', async () => {
  const model = scriptedModel([`Here is your entry: ${wrongMood}`, wrongMood, valid]);
  // Two strays in a row: after the one repair the better attempt (valid JSON, wrong field) is kept.
  const twice = await run(model.provider, request(diaryFormat));
  assert.equal(model.calls.length, 2);
  assert.equal(twice.text, wrongMood);

  const once = scriptedModel([wrongMood, valid]);
  const { parts, text } = await run(once.provider, request(diaryFormat));
  assert.equal(once.calls.length, 2);
  assert.equal(text, valid);
  assert.equal(parseDiaryEntry(text)?.mood, 'sad');
  const repair = once.calls[1]?.messages ?? [];
  assert.deepEqual(
    repair.slice(0, 2),
    request(diaryFormat).messages,
    'the repair turn keeps the conversation',
  );
  assert.deepEqual(repair[2], { role: 'assistant', content: wrongMood });
  assert.equal(repair[3]?.role, 'user');
  assert.match(
    repair[3]?.content ?? '',
    /"mood" must be equal to one of the allowed values \(joyful, .*lonely\)/,
  );
  assert.deepEqual(parts.at(-1), {
    type: 'finish',
    reason: 'stop',
    usage: { promptTokens: 200, completionTokens: 40 },
  });
});

test('when the repair is worse than the first reply, the first is kept', async () => {
  const model = scriptedModel([wrongMood, 'Sorry, I cannot do that.']);
  const { text } = await run(model.provider, request(diaryFormat));
  assert.equal(text, wrongMood);
});

test('a missing field and an extra field are named in the repair turn', async () => {
  const model = scriptedModel([JSON.stringify({ entry: 'x', mood: 'calm', extra: 1 }), valid]);
  await run(model.provider, request(diaryFormat));
  const prompt = model.calls[1]?.messages.at(-1)?.content ?? '';
  assert.match(prompt, /must have required property 'summary'/);
  assert.match(prompt, /must NOT have additional properties \("extra"\)/);
});

test('json_object asks only for a JSON object; plain text and errors pass straight through', async () => {
  const object = scriptedModel(['[1, 2]', '{"ok": true}']);
  assert.equal((await run(object.provider, request({ type: 'json_object' }))).text, '{"ok": true}');

  const plain = scriptedModel(['Just words.']);
  assert.equal((await run(plain.provider, request(undefined))).text, 'Just words.');
  assert.equal(plain.calls.length, 1);

  const failing = scriptedModel([
    [
      { type: 'text-delta', text: '{"entry"' },
      { type: 'error', code: 'server_error', message: 'The model backend failed.' },
    ],
  ]);
  const { parts } = await run(failing.provider, request(diaryFormat));
  assert.equal(failing.calls.length, 1, 'no repair after a backend error');
  assert.deepEqual(
    parts.map((part) => part.type),
    ['text-delta', 'error'],
  );
});

test('a reply that calls a tool is not held to the schema', async () => {
  const calling = scriptedModel([
    [
      { type: 'tool-call-start', id: 'call_1', name: 'lookup' },
      { type: 'tool-call-delta', id: 'call_1', argumentsDelta: '{}' },
      { type: 'finish', reason: 'tool-calls', usage: undefined },
    ],
  ]);
  const { parts } = await run(calling.provider, request(diaryFormat));
  assert.equal(calling.calls.length, 1);
  assert.deepEqual(
    parts.map((part) => part.type),
    ['tool-call-start', 'tool-call-delta', 'finish'],
  );
});

test("through the gateway, the diarist's schema reaches the model and only the repaired entry is stored", async () => {
  const model = scriptedModel([wrongMood, valid]);
  const gateway = await startGateway({ seed: true, provider: withStructuredOutput(model.provider) });
  try {
    const token = await gateway.newUser();
    const thread = await gateway.call<{ id: string }>('/v1/threads', {
      token,
      json: { messages: [{ role: 'user', content: 'Day: 2026-11-25\nMe: I fought with my best friend.' }] },
    });
    const events = await readEvents(
      await gateway.request(`/v1/threads/${thread.id}/runs`, {
        token,
        json: { assistant_id: 'asst_haru_diarist', stream: true },
      }),
    );
    assert.equal(events.at(-2)?.event, 'thread.run.completed');
    const deltas = events
      .filter((event) => event.event === 'thread.message.delta')
      .map((event) => event.data);
    assert.ok(
      deltas.every((delta) => !delta.includes('meh')),
      'the stray reply never reached the app',
    );
    assert.equal(model.calls[0]?.responseFormat?.type, 'json_schema');
    assert.equal(model.calls.length, 2);
    const messages = await gateway.call<{
      data: Array<{ role: string; content: Array<{ text: { value: string } }> }>;
    }>(`/v1/threads/${thread.id}/messages`, { token });
    const reply = messages.data.find((message) => message.role === 'assistant');
    assert.equal(reply?.content[0]?.text.value, valid);
  } finally {
    await gateway.close();
  }
});

test('a schema pattern that would backtrack for minutes is checked in linear time, and the reply repaired', async () => {
  const strayed = JSON.stringify({ word: `${'a'.repeat(40)}!` });
  const fixed = JSON.stringify({ word: 'aaaa' });
  const { provider, calls } = scriptedModel([strayed, fixed]);
  const { text } = await run(
    provider,
    request({
      type: 'json_schema',
      json_schema: {
        name: 'word',
        schema: {
          type: 'object',
          properties: { word: { type: 'string', pattern: '^(a+)+$' } },
          required: ['word'],
        },
      },
    }),
  );
  assert.equal(calls.length, 2, 'the first reply was found not to match');
  assert.equal(text, fixed);
});
