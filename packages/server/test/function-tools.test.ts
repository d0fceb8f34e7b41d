import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import OpenAI from 'openai';
import { hashToken } from '../src/auth/device-tokens.ts';
import { nowSeconds } from '../src/ids.ts';
import type { ModelProvider } from '../src/providers/model-provider.ts';
import { inTransaction, storesFor } from '../src/storage/stores.ts';
import { startGateway, type TestGateway } from './support/gateway.ts';
import { schemaErrors } from './support/openai-schemas.ts';
import { toolCallingModel, weatherTool } from './support/tool-calling-model.ts';

const outputs = [
  { tool_call_id: 'call_seoul', output: 'sunny' },
  { tool_call_id: 'call_busan', output: 'cloudy' },
];

let model: ReturnType<typeof toolCallingModel>;
let gateway: TestGateway;
let client: OpenAI;
let assistantId: string;

before(async () => {
  model = toolCallingModel();
  gateway = await startGateway({ provider: model.provider });
  const url = await gateway.listen();
  client = new OpenAI({ apiKey: await gateway.newUser(), baseURL: `${url}/v1`, maxRetries: 0 });
  assistantId = (await client.beta.assistants.create({ model: 'gpt-test', tools: [weatherTool] })).id;
});

after(() => gateway.close());

const newThread = () =>
  client.beta.threads.create({ messages: [{ role: 'user', content: 'Weather in Seoul and Busan?' }] });

/** A run waiting for outputs whose expires_at has just passed, as if ten minutes went by. */
async function waitingPastExpiry() {
  const thread = await newThread();
  const waiting = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistantId });
  const stores = storesFor(gateway.db);
  const userId = (await stores.runs.waitingPast(Number.MAX_SAFE_INTEGER)).find(
    ({ run }) => run.id === waiting.id,
  )?.userId;
  assert.ok(userId);
  await stores.runs.update(userId, { ...waiting, expires_at: nowSeconds() - 1 } as never);
  return { thread, waiting };
}

const assertShape = (name: string, value: unknown) => assert.deepEqual(schemaErrors(name, value), [], name);

test('polled with the official SDK: two parallel calls wait for outputs, then the run answers with them', async () => {
  const thread = await newThread();
  const waiting = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistantId });
  assert.equal(waiting.status, 'requires_action');
  assertShape('RunObject', waiting);
  // A run waits for its outputs ten minutes from its creation, as OpenAI's do.
  assert.equal(waiting.expires_at, waiting.created_at + 600);
  assert.deepEqual(waiting.required_action?.submit_tool_outputs.tool_calls, [
    { id: 'call_seoul', type: 'function', function: { name: 'weather', arguments: '{"city": "Seoul"}' } },
    { id: 'call_busan', type: 'function', function: { name: 'weather', arguments: '{"city": "Busan"}' } },
  ]);
  assert.deepEqual(model.requests.at(-1)?.tools?.[0]?.name, 'weather');
  assert.equal(model.requests.at(-1)?.parallelToolCalls, true);

  const stepsWaiting = await client.beta.threads.runs.steps.list(waiting.id, {
    thread_id: thread.id,
    order: 'asc',
  });
  assert.deepEqual(
    stepsWaiting.data.map((step) => [step.type, step.status]),
    [
      ['message_creation', 'completed'],
      ['tool_calls', 'in_progress'],
    ],
  );
  for (const step of stepsWaiting.data) assertShape('RunStepObject', step);
  assert.equal(stepsWaiting.data[1]?.usage, null, 'usage is null until the step ends, as on OpenAI');

  const done = await client.beta.threads.runs.submitToolOutputsAndPoll(waiting.id, {
    thread_id: thread.id,
    tool_outputs: outputs,
  });
  assert.equal(done.status, 'completed');
  assert.deepEqual(
    done.usage,
    { prompt_tokens: 30, completion_tokens: 14, total_tokens: 44 },
    'both turns count',
  );

  const messages = await client.beta.threads.messages.list(thread.id, { order: 'asc' });
  assert.deepEqual(
    messages.data.map((m) => (m.content[0]?.type === 'text' ? m.content[0].text.value : '')),
    ['Weather in Seoul and Busan?', 'Let me look that up.', 'Seoul is sunny and Busan is cloudy.'],
  );
  const steps = await client.beta.threads.runs.steps.list(done.id, { thread_id: thread.id, order: 'asc' });
  assert.deepEqual(
    steps.data.map((step) => [step.type, step.status]),
    [
      ['message_creation', 'completed'],
      ['tool_calls', 'completed'],
      ['message_creation', 'completed'],
    ],
  );
  assert.ok(steps.data[1]?.usage, "the ended calls step shows its turn's usage");
  const calls =
    steps.data[1]?.step_details.type === 'tool_calls' ? steps.data[1].step_details.tool_calls : [];
  assert.deepEqual(
    calls.map((call) => (call.type === 'function' ? call.function.output : null)),
    ['sunny', 'cloudy'],
  );

  // The model's second turn saw its first: the reply with the calls, then each call's output.
  assert.deepEqual(model.requests.at(-1)?.messages.slice(-3), [
    {
      role: 'assistant',
      content: 'Let me look that up.',
      toolCalls: [
        { id: 'call_seoul', name: 'weather', arguments: '{"city": "Seoul"}' },
        { id: 'call_busan', name: 'weather', arguments: '{"city": "Busan"}' },
      ],
    },
    { role: 'tool', toolCallId: 'call_seoul', content: 'sunny' },
    { role: 'tool', toolCallId: 'call_busan', content: 'cloudy' },
  ]);
});

test('streamed with the official SDK: AssistantStream sees each call and its arguments, then the answer', async () => {
  const thread = await newThread();
  const created: string[] = [];
  const argumentSnapshots = new Map<string, string>();
  const eventNames: string[] = [];
  const stream = client.beta.threads.runs
    .stream(thread.id, { assistant_id: assistantId })
    .on('toolCallCreated', (call) => created.push(call.id))
    .on('toolCallDelta', (_delta, snapshot) => {
      if (snapshot.type === 'function') argumentSnapshots.set(snapshot.id, snapshot.function.arguments);
    })
    .on('event', (event) => eventNames.push(event.event));
  const waiting = await stream.finalRun();
  assert.equal(waiting.status, 'requires_action');
  assert.deepEqual(created, ['call_seoul', 'call_busan']);
  assert.deepEqual(Object.fromEntries(argumentSnapshots), {
    call_seoul: '{"city": "Seoul"}',
    call_busan: '{"city": "Busan"}',
  });
  assert.equal(eventNames.at(-1), 'thread.run.requires_action');
  assert.ok(
    eventNames.filter((name) => name === 'thread.run.step.delta').length >= 8,
    'arguments stream in pieces',
  );

  let text = '';
  const continued = client.beta.threads.runs
    .submitToolOutputsStream(waiting.id, { thread_id: thread.id, tool_outputs: outputs, stream: true })
    .on('textDelta', (_delta, snapshot) => {
      text = snapshot.value;
    });
  const done = await continued.finalRun();
  assert.equal(done.status, 'completed');
  assert.equal(text, 'Seoul is sunny and Busan is cloudy.');
});

test('outputs that do not answer exactly the calls made are refused, and the run keeps waiting', async () => {
  const thread = await newThread();
  const waiting = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistantId });
  const submit = (tool_outputs: typeof outputs) =>
    client.beta.threads.runs.submitToolOutputs(waiting.id, { thread_id: thread.id, tool_outputs });
  await assert.rejects(submit(outputs.slice(0, 1)), (error: InstanceType<typeof OpenAI.APIError>) => {
    assert.equal(error.status, 400);
    assert.match(error.message, /missing call_busan/);
    return true;
  });
  await assert.rejects(submit([...outputs, { tool_call_id: 'call_nobody', output: '?' }]), { status: 400 });
  const still = await client.beta.threads.runs.retrieve(waiting.id, { thread_id: thread.id });
  assert.equal(still.status, 'requires_action');
  await submit(outputs);
  await gateway.engine.idle();
  await assert.rejects(submit(outputs), (error: InstanceType<typeof OpenAI.APIError>) => {
    assert.equal(error.status, 400);
    assert.match(error.message, /status 'completed'/);
    return true;
  });
});

test('outputs submitted past expires_at are refused and the run reads expired at once, without asking the model', async () => {
  const { thread, waiting } = await waitingPastExpiry();
  const asked = model.requests.length;
  await assert.rejects(
    client.beta.threads.runs.submitToolOutputs(waiting.id, { thread_id: thread.id, tool_outputs: outputs }),
    (error: InstanceType<typeof OpenAI.APIError>) => {
      assert.equal(error.status, 400);
      assert.match(error.message, /expired/);
      return true;
    },
  );
  assert.equal(model.requests.length, asked, 'the model was not asked again');
  const expired = await client.beta.threads.runs.retrieve(waiting.id, { thread_id: thread.id });
  assert.equal(expired.status, 'expired');
});

test('a run waiting past expires_at reads expired when retrieved, before any sweep', async () => {
  const { thread, waiting } = await waitingPastExpiry();
  const read = await client.beta.threads.runs.retrieve(waiting.id, { thread_id: thread.id });
  assert.equal(read.status, 'expired');
  assertShape('RunObject', read);
});

test('a tool run’s stream resumed from its start reads on past the wait for outputs to the run’s end, with one done', async () => {
  const thread = await newThread();
  const waiting = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistantId });
  const replay = async () => {
    const response = await fetch(`${client.baseURL}/threads/${thread.id}/runs/${waiting.id}/stream?after=0`, {
      headers: { authorization: `Bearer ${client.apiKey}` },
    });
    return [...(await response.text()).matchAll(/^event: (.+)$/gm)].map((match) => match[1]);
  };
  const whileWaiting = await replay();
  assert.deepEqual(
    whileWaiting.slice(-2),
    ['thread.run.requires_action', 'done'],
    'a waiting run’s stream stops there',
  );

  await client.beta.threads.runs.submitToolOutputsAndPoll(waiting.id, {
    thread_id: thread.id,
    tool_outputs: outputs,
  });
  const afterwards = await replay();
  assert.deepEqual(afterwards.slice(-2), ['thread.run.completed', 'done']);
  assert.equal(afterwards.filter((name) => name === 'done').length, 1);
  assert.ok(afterwards.includes('thread.run.requires_action'));
});

test('a call cut off by max_completion_tokens is not handed to the app: the run ends incomplete', async () => {
  const thread = await newThread();
  const run = await client.beta.threads.runs.createAndPoll(thread.id, {
    assistant_id: assistantId,
    max_completion_tokens: 256,
  });
  assert.equal(run.status, 'incomplete');
  assert.deepEqual(run.incomplete_details, { reason: 'max_completion_tokens' });
  assert.equal(run.required_action, null);
  assertShape('RunObject', run);
  const steps = await client.beta.threads.runs.steps.list(run.id, { thread_id: thread.id });
  assert.deepEqual(
    steps.data.map((step) => [step.type, step.status]),
    [['tool_calls', 'completed']],
  );
});

test('an output may be left out, as OpenAI allows: the call is answered with nothing', async () => {
  const thread = await newThread();
  const waiting = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistantId });
  const done = await client.beta.threads.runs.submitToolOutputsAndPoll(waiting.id, {
    thread_id: thread.id,
    tool_outputs: [{ tool_call_id: 'call_seoul' }, { tool_call_id: 'call_busan', output: 'cloudy' }],
  });
  assert.equal(done.status, 'completed');
  assert.deepEqual(model.requests.at(-1)?.messages.slice(-2), [
    { role: 'tool', toolCallId: 'call_seoul', content: '' },
    { role: 'tool', toolCallId: 'call_busan', content: 'cloudy' },
  ]);
});

test('a waiting run can be cancelled; its calls step ends cancelled', async () => {
  const thread = await newThread();
  const waiting = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistantId });
  const cancelled = await client.beta.threads.runs.cancel(waiting.id, { thread_id: thread.id });
  assert.equal(cancelled.status, 'cancelled');
  const steps = await client.beta.threads.runs.steps.list(waiting.id, { thread_id: thread.id, order: 'asc' });
  assert.equal(steps.data.at(-1)?.status, 'cancelled');
});

test('parallel_tool_calls false reaches the model, which then makes one call', async () => {
  const thread = await newThread();
  const waiting = await client.beta.threads.runs.createAndPoll(thread.id, {
    assistant_id: assistantId,
    parallel_tool_calls: false,
    tool_choice: { type: 'function', function: { name: 'weather' } },
  });
  assert.equal(model.requests.at(-1)?.parallelToolCalls, false);
  assert.deepEqual(model.requests.at(-1)?.toolChoice, { type: 'function', name: 'weather' });
  assert.equal(waiting.required_action?.submit_tool_outputs.tool_calls.length, 1);
});

test('a run waiting past expires_at expires; its outputs then come too late', async () => {
  const { thread, waiting } = await waitingPastExpiry();
  await gateway.engine.closeAbandoned();
  const expired = await client.beta.threads.runs.retrieve(waiting.id, { thread_id: thread.id });
  assert.equal(expired.status, 'expired');
  await assert.rejects(
    client.beta.threads.runs.submitToolOutputs(waiting.id, { thread_id: thread.id, tool_outputs: outputs }),
    { status: 400 },
  );
});

test('a gateway restarted while a run waits for outputs keeps it waiting, and the outputs finish it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'haru-tools-'));
  const databaseUrl = `sqlite:${join(dir, 'haru.sqlite')}`;
  try {
    const first = await startGateway({
      provider: model.provider,
      databaseUrl,
      engine: { instanceId: 'host:1' },
    });
    const firstClient = new OpenAI({
      apiKey: await first.newUser(),
      baseURL: `${await first.listen()}/v1`,
      maxRetries: 0,
    });
    const assistant = await firstClient.beta.assistants.create({ model: 'gpt-test', tools: [weatherTool] });
    const thread = await firstClient.beta.threads.create({
      messages: [{ role: 'user', content: 'Weather in Seoul and Busan?' }],
    });
    const waiting = await firstClient.beta.threads.runs.createAndPoll(thread.id, {
      assistant_id: assistant.id,
    });
    assert.equal(waiting.status, 'requires_action');
    await first.engine.shutdown(0);
    await first.close();

    // The same instance name, as a restarted process has: what it held is closed, unless it only waits.
    const second = await startGateway({
      provider: model.provider,
      databaseUrl,
      engine: { instanceId: 'host:1' },
    });
    await second.engine.closeAbandoned();
    const secondClient = new OpenAI({
      apiKey: firstClient.apiKey,
      baseURL: `${await second.listen()}/v1`,
      maxRetries: 0,
    });
    try {
      const still = await secondClient.beta.threads.runs.retrieve(waiting.id, { thread_id: thread.id });
      assert.equal(still.status, 'requires_action');
      const done = await secondClient.beta.threads.runs.submitToolOutputsAndPoll(waiting.id, {
        thread_id: thread.id,
        tool_outputs: outputs,
      });
      assert.equal(done.status, 'completed');
      const messages = await secondClient.beta.threads.messages.list(thread.id, { order: 'desc', limit: 1 });
      const last = messages.data[0]?.content[0];
      assert.equal(last?.type === 'text' ? last.text.value : '', 'Seoul is sunny and Busan is cloudy.');
    } finally {
      await second.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a cancel arriving while the run is storing its wait for outputs ends it cancelled, and its thread takes a new run', async () => {
  let letGo: () => void = () => undefined;
  const asked = new Promise<void>((resolve) => {
    letGo = resolve;
  });
  let modelDone: () => void = () => undefined;
  const answered = new Promise<void>((resolve) => {
    modelDone = resolve;
  });
  const gated: ModelProvider = {
    name: 'gated-tool-calling-model',
    async *stream(request) {
      await asked;
      yield* toolCallingModel().provider.stream(request);
      modelDone();
    },
  };
  const own = await startGateway({ provider: gated });
  try {
    const token = await own.newUser();
    const userId = (await storesFor(own.db).devices.forTokenHash(hashToken(token)))?.userId ?? '';
    const call = <T>(path: string, json?: unknown) => own.call<T>(path, { token, json });
    const assistant = await call<{ id: string }>('/v1/assistants', {
      model: 'gpt-test',
      tools: [weatherTool],
    });
    const thread = await call<{ id: string }>('/v1/threads', {
      messages: [{ role: 'user', content: 'Weather?' }],
    });
    const created = await call<{ id: string }>(`/v1/threads/${thread.id}/runs`, {
      assistant_id: assistant.id,
    });
    const run = await storesFor(own.db).runs.find(userId, created.id);
    assert.ok(run);
    // Holding the database keeps the run's `requires_action` from being stored while the cancel comes.
    let releaseDatabase: () => void = () => undefined;
    void inTransaction(own.db, () => new Promise<void>((resolve) => (releaseDatabase = resolve)));
    letGo();
    await answered;
    await new Promise(setImmediate);
    const cancelling = own.engine.cancel(userId, run);
    releaseDatabase();
    await cancelling;
    await own.engine.idle();
    const stored = await call<{ status: string }>(`/v1/threads/${thread.id}/runs/${run.id}`);
    assert.equal(stored.status, 'cancelled');
    const next = await call<{ status: string }>(`/v1/threads/${thread.id}/runs`, {
      assistant_id: assistant.id,
    });
    assert.equal(next.status, 'queued');
  } finally {
    await own.close();
  }
});

test('a cancel made with a copy of the run from before it began waiting still cancels it', async () => {
  const token = await gateway.newUser();
  const userId = (await storesFor(gateway.db).devices.forTokenHash(hashToken(token)))?.userId ?? '';
  const call = <T>(path: string, json?: unknown) => gateway.call<T>(path, { token, json });
  const assistant = await call<{ id: string }>('/v1/assistants', { model: 'gpt-test', tools: [weatherTool] });
  const thread = await call<{ id: string }>('/v1/threads', {
    messages: [{ role: 'user', content: 'Weather?' }],
  });
  const created = await call<{ id: string }>(`/v1/threads/${thread.id}/runs`, { assistant_id: assistant.id });
  const before = await storesFor(gateway.db).runs.find(userId, created.id);
  assert.ok(before);
  await gateway.engine.idle();
  const cancelled = await gateway.engine.cancel(userId, { ...before, status: 'in_progress' });
  assert.equal(cancelled?.status, 'cancelled');
});

test('another user cannot submit outputs to a run: the same 404 as a run that does not exist, and the run still waits', async () => {
  const thread = await newThread();
  const waiting = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistantId });
  assert.equal(waiting.status, 'requires_action');
  const stranger = await gateway.newUser();
  const submit = (runId: string) =>
    gateway.request(`/v1/threads/${thread.id}/runs/${runId}/submit_tool_outputs`, {
      token: stranger,
      json: { tool_outputs: outputs },
    });
  const theirs = await submit(waiting.id);
  const nobodys = await submit('run_doesnotexist000000000000');
  assert.equal(theirs.status, 404);
  assert.equal(nobodys.status, 404);
  // The thread is checked first, and it is not theirs either way: the answers cannot be told apart.
  assert.deepEqual(await theirs.json(), await nobodys.json());
  const still = await client.beta.threads.runs.retrieve(waiting.id, { thread_id: thread.id });
  assert.equal(still.status, 'requires_action');
});
