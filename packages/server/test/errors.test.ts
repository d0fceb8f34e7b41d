import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import { after, before, describe, test } from 'node:test';
import { Hono } from 'hono';
import { pino } from 'pino';
import { handleError } from '../src/errors.ts';
import { startGateway, type TestGateway, userWithThread } from './support/gateway.ts';
import { schemaErrors, skipWithoutSchemas } from './support/openai-schemas.ts';

interface ErrorFields {
  message: string;
  type: string;
  param: string | null;
  code: string | null;
}

let gateway: TestGateway;
let token: string;
let assistantId: string;
let threadId: string;

before(async () => {
  gateway = await startGateway();
  ({ token, assistantId, threadId } = await userWithThread(gateway));
});

after(() => gateway.close());

/** Asserts the response is OpenAI's error body with this status, and returns its fields. */
async function expectError(response: Response, status: number, label = ''): Promise<ErrorFields> {
  const text = await response.text();
  assert.equal(response.status, status, `${label} answered ${response.status}: ${text}`);
  assert.match(response.headers.get('content-type') ?? '', /application\/json/, label);
  const body = JSON.parse(text) as { error: ErrorFields };
  assert.deepEqual(Object.keys(body), ['error'], label);
  assert.deepEqual(Object.keys(body.error).sort(), ['code', 'message', 'param', 'type'], label);
  const { message, type, param, code } = body.error;
  assert.ok(typeof message === 'string' && message.length > 10, `${label} has a readable message`);
  assert.equal(typeof type, 'string', label);
  assert.ok(param === null || typeof param === 'string', label);
  assert.ok(code === null || typeof code === 'string', label);
  if (!skipWithoutSchemas) assert.deepEqual(schemaErrors('ErrorResponse', body), [], label);
  return body.error;
}

const post = (path: string, json: unknown, as = token) => gateway.request(path, { token: as, json });

const postRaw = (path: string, body: string, headers: Record<string, string> = {}) =>
  gateway.request(path, {
    method: 'POST',
    token,
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });

describe('request bodies', () => {
  test('malformed JSON answers 400 saying the body could not be parsed', async () => {
    for (const body of ['{"model": ', '{model: "m"}', '']) {
      const error = await expectError(await postRaw('/v1/assistants', body), 400, `body ${body}`);
      assert.match(error.message, /JSON/);
      assert.equal(error.type, 'invalid_request_error');
    }
    await expectError(await postRaw('/v1/threads', '{'), 400, 'thread create');
    await expectError(await postRaw(`/v1/threads/${threadId}/messages`, '{"role":'), 400, 'message create');
  });

  test('a JSON body that is not an object answers 400', async () => {
    for (const json of [['test-model'], 'test-model', 42, null]) {
      const error = await expectError(await post('/v1/assistants', json), 400, JSON.stringify(json));
      assert.match(error.message, /object/);
    }
  });

  test('a JSON body sent without a JSON content type is refused with a hint to set it', async () => {
    const response = await gateway.request('/v1/assistants', {
      method: 'POST',
      token,
      headers: { 'content-type': 'text/plain' },
      body: '{"model":"test-model"}',
    });
    const error = await expectError(response, 415);
    assert.match(error.message, /application\/json/i);
  });

  test('a missing required parameter is named', async () => {
    const error = await expectError(await post('/v1/assistants', { name: 'Haru' }), 400);
    assert.deepEqual(error, {
      message: "Missing required parameter: 'model'.",
      type: 'invalid_request_error',
      param: 'model',
      code: 'missing_required_parameter',
    });
    const run = await expectError(await post(`/v1/threads/${threadId}/runs`, {}), 400, 'run create');
    assert.equal(run.param, 'assistant_id');
  });

  test('a value of the wrong type or range names the parameter', async () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['/v1/assistants', { model: 'm', temperature: 'hot' }, 'temperature'],
      ['/v1/assistants', { model: 'm', temperature: 3 }, 'temperature'],
      ['/v1/assistants', { model: 42 }, 'model'],
      ['/v1/assistants', { model: 'm', name: ['Haru'] }, 'name'],
      [`/v1/threads/${threadId}/messages`, { role: 'system', content: 'hi' }, 'role'],
      [`/v1/threads/${threadId}/messages`, { role: 'user', content: '' }, 'content'],
      [
        `/v1/threads/${threadId}/runs`,
        { assistant_id: assistantId, max_completion_tokens: 'lots' },
        'max_completion_tokens',
      ],
    ];
    for (const [path, json, param] of cases) {
      const error = await expectError(await post(path, json), 400, JSON.stringify(json));
      assert.equal(error.param, param, JSON.stringify(json));
      assert.match(error.message, new RegExp(`'${param}'`));
    }
  });

  test('an image part in content is refused by name, at the part, not as a bare "Invalid input"', async () => {
    for (const part of [
      { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
      { type: 'image_file', image_file: { file_id: 'file_abc' } },
    ]) {
      const path = `/v1/threads/${threadId}/messages`;
      const error = await expectError(await post(path, { role: 'user', content: [part] }), 400, part.type);
      assert.equal(error.param, 'content[0].type');
      assert.match(error.message, /text parts only.*images and files are not supported/);
    }
  });

  test('metadata over 16 keys is refused', async () => {
    const metadata = Object.fromEntries(Array.from({ length: 17 }, (_, n) => [`key${n}`, 'value']));
    const error = await expectError(await post('/v1/assistants', { model: 'm', metadata }), 400);
    assert.equal(error.param, 'metadata');
    assert.match(error.message, /16/);
    const sixteen = Object.fromEntries(Object.entries(metadata).slice(0, 16));
    assert.equal((await post('/v1/assistants', { model: 'm', metadata: sixteen })).status, 200);
  });

  test('tool_resources with files or vector stores are refused, never dropped; empty ones are taken as they come back', async () => {
    const withStores = { file_search: { vector_store_ids: ['vs_1'] } };
    for (const [path, json] of [
      ['/v1/assistants', { model: 'm', tool_resources: withStores }],
      ['/v1/threads', { tool_resources: { code_interpreter: { file_ids: ['file_1'] } } }],
      ['/v1/threads/runs', { assistant_id: assistantId, tool_resources: withStores }],
      [`/v1/threads/${threadId}`, { tool_resources: withStores }],
    ] as const) {
      const error = await expectError(await post(path, json), 400, path);
      assert.match(error.param ?? '', /^tool_resources/, path);
      assert.match(error.message, /function tools only/, path);
    }
    const thread = (await (await post('/v1/threads', { tool_resources: {} })).json()) as {
      id: string;
      tool_resources: object;
    };
    assert.deepEqual(thread.tool_resources, {});
    // What GET answered, sent back unchanged.
    assert.equal(
      (await post(`/v1/threads/${thread.id}`, { tool_resources: thread.tool_resources })).status,
      200,
    );
    const empty = { file_search: { vector_store_ids: [] }, code_interpreter: { file_ids: [] } };
    assert.equal((await post('/v1/assistants', { model: 'm', tool_resources: empty })).status, 200);
  });

  test('code_interpreter and file_search are refused by name; a bad function tool names its fault', async () => {
    for (const type of ['code_interpreter', 'file_search']) {
      const onAssistant = await expectError(
        await post('/v1/assistants', { model: 'm', tools: [{ type }] }),
        400,
      );
      assert.match(onAssistant.param ?? '', /^tools/);
      assert.match(onAssistant.message, /function tools only/);
      const onRun = await expectError(
        await post(`/v1/threads/${threadId}/runs`, { assistant_id: assistantId, tools: [{ type }] }),
        400,
      );
      assert.match(onRun.param ?? '', /^tools/);
    }
    const badName = [{ type: 'function', function: { name: 'get weather!' } }];
    assert.match(
      (await expectError(await post('/v1/assistants', { model: 'm', tools: badName }), 400)).param ?? '',
      /^tools/,
    );
    const twice = [
      { type: 'function', function: { name: 'weather' } },
      { type: 'function', function: { name: 'weather' } },
    ];
    assert.match(
      (await expectError(await post('/v1/assistants', { model: 'm', tools: twice }), 400)).message,
      /own name/,
    );
    const unknownChoice = await expectError(
      await post(`/v1/threads/${threadId}/runs`, {
        assistant_id: assistantId,
        tools: [{ type: 'function', function: { name: 'weather' } }],
        tool_choice: { type: 'function', function: { name: 'forecast' } },
      }),
      400,
    );
    assert.equal(unknownChoice.param, 'tool_choice');
    const requiredWithout = await expectError(
      await post(`/v1/threads/${threadId}/runs`, { assistant_id: assistantId, tool_choice: 'required' }),
      400,
    );
    assert.equal(requiredWithout.param, 'tool_choice');
    const tools = [{ type: 'function', function: { name: 'weather', parameters: { type: 'object' } } }];
    assert.equal((await post('/v1/assistants', { model: 'm', tools })).status, 200);
  });

  test('a body over the size limit answers 413', async () => {
    const response = await post('/v1/assistants', { model: 'm', instructions: 'x'.repeat(3 * 1024 * 1024) });
    assert.match((await expectError(response, 413)).message, /MB/);
  });
});

describe('unknown ids', () => {
  let messageId: string;
  let runId: string;
  let otherThreadId: string;

  before(async () => {
    const messages = await gateway.call<{ data: [{ id: string }] }>(`/v1/threads/${threadId}/messages`, {
      token,
    });
    messageId = messages.data[0].id;
    runId = (
      await gateway.call<{ id: string }>(`/v1/threads/${threadId}/runs`, {
        token,
        json: { assistant_id: assistantId },
      })
    ).id;
    await gateway.engine.idle();
    otherThreadId = (await gateway.call<{ id: string }>('/v1/threads', { token, json: {} })).id;
  });

  test('every lookup of an id that does not exist answers 404 naming the object and id', async () => {
    const missingThread = '/v1/threads/thread_missing';
    const cases: Array<[string, string, unknown, string, string]> = [
      ['GET', '/v1/assistants/asst_missing', undefined, 'assistant', 'asst_missing'],
      ['POST', '/v1/assistants/asst_missing', { name: 'x' }, 'assistant', 'asst_missing'],
      ['DELETE', '/v1/assistants/asst_missing', undefined, 'assistant', 'asst_missing'],
      ['GET', missingThread, undefined, 'thread', 'thread_missing'],
      ['POST', missingThread, { metadata: { a: 'b' } }, 'thread', 'thread_missing'],
      ['DELETE', missingThread, undefined, 'thread', 'thread_missing'],
      ['GET', `${missingThread}/messages`, undefined, 'thread', 'thread_missing'],
      ['POST', `${missingThread}/messages`, { role: 'user', content: 'hi' }, 'thread', 'thread_missing'],
      ['GET', `${missingThread}/messages/${messageId}`, undefined, 'thread', 'thread_missing'],
      ['GET', `/v1/threads/${threadId}/messages/msg_missing`, undefined, 'message', 'msg_missing'],
      ['POST', `/v1/threads/${threadId}/messages/msg_missing`, { metadata: {} }, 'message', 'msg_missing'],
      ['DELETE', `/v1/threads/${threadId}/messages/msg_missing`, undefined, 'message', 'msg_missing'],
      ['GET', `/v1/threads/${otherThreadId}/messages/${messageId}`, undefined, 'message', messageId],
      ['POST', `${missingThread}/runs`, { assistant_id: assistantId }, 'thread', 'thread_missing'],
      ['POST', `/v1/threads/${threadId}/runs`, { assistant_id: 'asst_missing' }, 'assistant', 'asst_missing'],
      ['POST', '/v1/threads/runs', { assistant_id: 'asst_missing' }, 'assistant', 'asst_missing'],
      ['GET', `${missingThread}/runs`, undefined, 'thread', 'thread_missing'],
      ['GET', `/v1/threads/${threadId}/runs/run_missing`, undefined, 'run', 'run_missing'],
      ['POST', `/v1/threads/${threadId}/runs/run_missing`, { metadata: {} }, 'run', 'run_missing'],
      ['POST', `/v1/threads/${threadId}/runs/run_missing/cancel`, undefined, 'run', 'run_missing'],
      ['GET', `/v1/threads/${otherThreadId}/runs/${runId}`, undefined, 'run', runId],
      ['GET', `/v1/threads/${threadId}/runs/run_missing/steps`, undefined, 'run', 'run_missing'],
      [
        'GET',
        `/v1/threads/${threadId}/runs/${runId}/steps/step_missing`,
        undefined,
        'run step',
        'step_missing',
      ],
    ];
    for (const [method, path, json, kind, id] of cases) {
      const label = `${method} ${path}`;
      const error = await expectError(await gateway.request(path, { method, token, json }), 404, label);
      assert.deepEqual(
        error,
        {
          message: `No ${kind} found with id '${id}'.`,
          type: 'invalid_request_error',
          param: null,
          code: null,
        },
        label,
      );
    }
  });

  test('an unknown URL or method answers 404 naming it', async () => {
    const unknownPath = await expectError(await gateway.request('/v1/nothing', { token }), 404);
    assert.match(unknownPath.message, /GET \/v1\/nothing/);
    const unknownMethod = await expectError(
      await gateway.request('/v1/assistants', { method: 'PUT', token }),
      404,
    );
    assert.match(unknownMethod.message, /PUT \/v1\/assistants/);
  });

  test('cancelling a finished run answers 400 and leaves it completed', async () => {
    const path = `/v1/threads/${threadId}/runs/${runId}`;
    const error = await expectError(await gateway.request(`${path}/cancel`, { method: 'POST', token }), 400);
    assert.match(error.message, /completed/);
    assert.equal((await gateway.call<{ status: string }>(path, { token })).status, 'completed');
  });
});

describe('authentication', () => {
  test('a request without a token answers 401 explaining how to send one', async () => {
    for (const headers of [{}, { authorization: 'Basic dXNlcjpwYXNz' }, { authorization: 'Bearer' }]) {
      const response = await gateway.request('/v1/assistants', { headers });
      const error = await expectError(response, 401, JSON.stringify(headers));
      assert.equal(error.code, 'invalid_api_key');
      assert.match(error.message, /Authorization: Bearer/);
    }
  });

  test('a token the gateway never issued answers 401', async () => {
    for (const path of ['/v1/assistants', `/v1/threads/${threadId}`]) {
      const response = await gateway.request(path, { token: `${token}x` });
      const error = await expectError(response, 401, path);
      assert.equal(error.code, 'invalid_api_key');
      assert.match(error.message, /POST \/auth\/device/);
    }
  });

  test('an unauthenticated write changes nothing', async () => {
    const response = await gateway.request(`/v1/threads/${threadId}/messages`, {
      json: { role: 'user', content: 'sneaky' },
    });
    await expectError(response, 401);
    const messages = await gateway.call<{ data: unknown[] }>(`/v1/threads/${threadId}/messages`, { token });
    assert.ok(!JSON.stringify(messages).includes('sneaky'));
  });
});

describe('a failing request changes nothing', () => {
  let user: Awaited<ReturnType<typeof userWithThread>>;
  let messagesPath: string;
  const messages = () => gateway.call(messagesPath, { token: user.token });

  before(async () => {
    user = await userWithThread(gateway);
    messagesPath = `/v1/threads/${user.threadId}/messages`;
  });

  test('a rejected message create leaves the message list as it was', async () => {
    const before = await messages();
    for (const json of [
      { role: 'user', content: 'hello', metadata: { a: 'x'.repeat(513) } },
      { role: 'user', content: 'hello', attachments: [{ file_id: 'file_1' }] },
      { role: 'system', content: 'hello' },
    ]) {
      await expectError(await post(messagesPath, json, user.token), 400, JSON.stringify(json));
    }
    assert.deepEqual(await messages(), before);
  });

  test('a rejected modify leaves the assistant as it was', async () => {
    const path = `/v1/assistants/${user.assistantId}`;
    const before = await gateway.call(path, { token: user.token });
    await expectError(await post(path, { name: 'Renamed', temperature: 5 }, user.token), 400);
    await expectError(
      await post(path, { name: 'Renamed', tools: [{ type: 'code_interpreter' }] }, user.token),
      400,
    );
    assert.deepEqual(await gateway.call(path, { token: user.token }), before);
  });

  test('a run refused for an unknown assistant adds neither its messages nor a run', async () => {
    const before = await messages();
    const json = { assistant_id: 'asst_missing', additional_messages: [{ role: 'user', content: 'extra' }] };
    await expectError(await post(`/v1/threads/${user.threadId}/runs`, json, user.token), 404);
    assert.deepEqual(await messages(), before);
    const runs = await gateway.call<{ data: unknown[] }>(`/v1/threads/${user.threadId}/runs`, {
      token: user.token,
    });
    assert.deepEqual(runs.data, []);
  });
});

test('a write whose thread or user was deleted while the request was handled answers 404, not 500', async () => {
  const database = new DatabaseSync(':memory:');
  database.exec('PRAGMA foreign_keys = ON');
  database.exec('create table threads (id text primary key)');
  database.exec('create table messages (thread_id text not null references threads (id))');
  const app = new Hono();
  app.onError(handleError(pino({ enabled: false })));
  app.post('/write', (c) => {
    database.prepare('insert into messages (thread_id) values (?)').run('thread_deleted_meanwhile');
    return c.text('stored');
  });
  const error = await expectError(await app.request('/write', { method: 'POST' }), 404);
  assert.match(error.message, /deleted while the request was being handled/);
});
