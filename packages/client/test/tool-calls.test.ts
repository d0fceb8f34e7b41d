import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { serve } from '@hono/node-server';
import { createApp } from '../../server/src/app.ts';
import { createLogger } from '../../server/src/logger.ts';
import { openDatabase } from '../../server/src/storage/database.ts';
import { toolCallingModel, weatherTool } from '../../server/test/support/tool-calling-model.ts';
import { createHaruClient, type HaruClient, messageText, type Run } from '../src/index.ts';

let server: ReturnType<typeof serve>;
let client: HaruClient;
let assistantId: string;

before(async () => {
  const db = await openDatabase('sqlite::memory:');
  const { app } = createApp({ db, provider: toolCallingModel().provider, logger: createLogger('silent') });
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { token } = await createHaruClient({ baseURL }).auth.registerDevice();
  client = createHaruClient({ baseURL, token: () => token, poll: { intervalsMs: [20, 50] } });
  const response = await fetch(`${baseURL}/v1/assistants`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-test', tools: [weatherTool] }),
  });
  assistantId = ((await response.json()) as { id: string }).id;
});

after(() => {
  (server as import('node:http').Server).closeAllConnections();
  server.close();
});

const newThread = () =>
  client.threads.create({ messages: [{ role: 'user', content: 'Weather in Seoul and Busan?' }] });

const outputsFor = (run: Run) =>
  (run.required_action?.submit_tool_outputs.tool_calls ?? []).map((call) => ({
    tool_call_id: call.id,
    output: JSON.parse(call.function.arguments).city === 'Seoul' ? 'sunny' : 'cloudy',
  }));

test('a streamed run that calls functions: the snapshot holds the calls, the submit streams the answer', async () => {
  const thread = await newThread();
  const stream = client.runs.stream(thread.id, { assistant_id: assistantId });
  const waitingFor: Run[] = [];
  stream.on('requiresAction', (run) => waitingFor.push(run));
  const snapshot = await stream.done();
  assert.equal(snapshot.run?.status, 'requires_action');
  assert.equal(waitingFor.length, 1);
  const toolStep = snapshot.steps.find((step) => step.step_details.type === 'tool_calls');
  assert.deepEqual(
    toolStep?.step_details.type === 'tool_calls' &&
      toolStep.step_details.tool_calls.map((call) => [
        call.id,
        call.function?.name,
        call.function?.arguments,
      ]),
    [
      ['call_seoul', 'weather', '{"city": "Seoul"}'],
      ['call_busan', 'weather', '{"city": "Busan"}'],
    ],
  );

  const run = snapshot.run as Run;
  const continued = client.runs.submitToolOutputsStream(thread.id, run.id, outputsFor(run));
  const [reply] = await continued.finalMessages();
  assert.equal((await continued.finalRun()).status, 'completed');
  assert.equal(messageText(reply), 'Seoul is sunny and Busan is cloudy.');
});

test('polled: createAndPoll stops at requires_action, submitToolOutputsAndPoll runs it to the end', async () => {
  const thread = await newThread();
  const waiting = await client.runs.createAndPoll(thread.id, { assistant_id: assistantId });
  assert.equal(waiting.status, 'requires_action');
  const done = await client.runs.submitToolOutputsAndPoll(thread.id, waiting.id, outputsFor(waiting));
  assert.equal(done.status, 'completed');
});
