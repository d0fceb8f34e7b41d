import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planPrompt } from '../src/engine/prompt.ts';
import type { ChatMessage, ModelProvider } from '../src/providers/model-provider.ts';
import { newRun } from '../src/schemas/run.ts';
import { startGateway } from './support/gateway.ts';
import { promptAssistant, storedThread } from './support/stored-thread.ts';

const contentsOf = (messages: ChatMessage[]) =>
  messages.filter((m) => m.role !== 'system').map((m) => ('content' in m ? m.content : ''));

test('near its budget a prompt is counted with the real tokenizer: emoji the estimate takes for 50 tokens cost 200', async () => {
  // 100 × 🌸 is 200 tokens for OpenAI's o200k tokenizer; a character estimate says 50.
  const flowers = ['a🌸', 'b🌸', 'c🌸'].map((lead) => lead + '🌸'.repeat(99));
  const { db, stores } = await storedThread(flowers);
  const run = newRun('run_1', 1, 't', promptAssistant, { assistant_id: 'a', max_prompt_tokens: 256 });
  const plan = await planPrompt(stores, 'user_1', run);
  assert.deepEqual(contentsOf(plan.messages), [flowers[2]], 'only the newest fits 256 real tokens');
  assert.equal(plan.fits, true);
  assert.ok(plan.estimatedTokens > 200 && plan.estimatedTokens <= 256, `${plan.estimatedTokens} tokens`);

  const roomy = newRun('run_2', 1, 't', promptAssistant, { assistant_id: 'a', max_prompt_tokens: 700 });
  assert.deepEqual(contentsOf((await planPrompt(stores, 'user_1', roomy)).messages), flowers);
  await db.destroy();
});

test("a backend's own tokenizer and context window decide the cut, leaving room for the reply", async () => {
  const contents = Array.from({ length: 5 }, (_, i) => `message ${i} ${'x'.repeat(50)}`);
  const { db, stores } = await storedThread(contents);
  const run = newRun('run_1', 1, 't', promptAssistant, { assistant_id: 'a' });
  const counted: string[] = [];
  // A tokenizer of one token per character; a 300-token window keeps 75 for the reply, 225 for the prompt.
  const plan = await planPrompt(stores, 'user_1', run, {
    contextWindow: 300,
    countTokens: async (text) => {
      counted.push(text);
      return text.length;
    },
  });
  assert.deepEqual(contentsOf(plan.messages), contents.slice(2));
  assert.ok(plan.estimatedTokens <= 225);
  assert.ok(counted.includes('Be kind.'), 'the instructions are counted too');

  const withReply = newRun('run_2', 1, 't', promptAssistant, {
    assistant_id: 'a',
    max_completion_tokens: 400,
  });
  const tighter = await planPrompt(stores, 'user_1', withReply, {
    contextWindow: 556,
    countTokens: async (text) => text.length,
  });
  assert.deepEqual(contentsOf(tighter.messages), contents.slice(3), 'max_completion_tokens is kept free');
  await db.destroy();
});

test('a newest message beyond the budget by the real count does not fit: the run ends incomplete', async () => {
  const { db, stores } = await storedThread(['🌸'.repeat(200)]);
  const run = newRun('run_1', 1, 't', promptAssistant, { assistant_id: 'a', max_prompt_tokens: 256 });
  const plan = await planPrompt(stores, 'user_1', run);
  assert.equal(plan.fits, false);
  await db.destroy();
});

test("a run on the gateway is cut to its backend's context window, counted with the backend's tokenizer", async () => {
  const prompts: ChatMessage[][] = [];
  const counted: string[] = [];
  // One token per character and a 300-token window for `small-model` only: 75 kept for the reply.
  const provider: ModelProvider = {
    name: 'windowed-model',
    contextWindow: (model) => (model === 'small-model' ? 300 : undefined),
    countTokens: async (_model, text) => {
      counted.push(text);
      return text.length;
    },
    async *stream(request) {
      prompts.push(request.messages);
      yield { type: 'text-delta', text: 'Noted.' };
      yield { type: 'finish', reason: 'stop', usage: { promptTokens: 1, completionTokens: 1 } };
    },
  };
  const gateway = await startGateway({ provider });
  try {
    const token = await gateway.newUser();
    const contents = Array.from({ length: 5 }, (_, i) => `message ${i} ${'x'.repeat(50)}`);
    const thread = await gateway.call<{ id: string }>('/v1/threads', {
      token,
      json: { messages: contents.map((content) => ({ role: 'user', content })) },
    });
    for (const model of ['small-model', 'roomy-model']) {
      const assistant = await gateway.call<{ id: string }>('/v1/assistants', {
        token,
        json: { model, instructions: 'Be kind.' },
      });
      await gateway.call(`/v1/threads/${thread.id}/runs`, { token, json: { assistant_id: assistant.id } });
      await gateway.engine.idle();
    }
    const [small, roomy] = prompts.map(contentsOf);
    assert.deepEqual(small, contents.slice(2), 'the oldest dropped to fit 225 counted tokens');
    assert.ok(counted.includes('Be kind.'), "the backend's tokenizer counted the prompt");
    assert.deepEqual(roomy?.slice(0, 5), contents, 'without a known window nothing is dropped');
  } finally {
    await gateway.close();
  }
});
