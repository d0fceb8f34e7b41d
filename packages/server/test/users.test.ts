import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startGateway, type TestGateway, userWithThread } from './support/gateway.ts';

let gateway: TestGateway;

before(async () => {
  gateway = await startGateway();
});

after(() => gateway.close());

async function registerDevice() {
  const response = await gateway.request('/auth/device', { method: 'POST' });
  assert.equal(response.status, 201);
  return (await response.json()) as { token: string; user_id: string };
}

describe('POST /auth/device', () => {
  test('answers 201 with a new token and user id, different for every device', async () => {
    const first = await registerDevice();
    const second = await registerDevice();
    assert.deepEqual(Object.keys(first).sort(), ['token', 'user_id']);
    assert.match(first.user_id, /^user_/);
    assert.ok(first.token.length >= 32, 'the token is long enough not to be guessed');
    assert.notEqual(first.token, second.token);
    assert.notEqual(first.user_id, second.user_id);
  });

  test('the token opens /v1 for its new user, who starts with nothing', async () => {
    const { token } = await registerDevice();
    const assistants = await gateway.call<{ data: unknown[] }>('/v1/assistants', { token });
    assert.deepEqual(assistants.data, []);
  });

  test('the token is not stored in plain text', async () => {
    const { token, user_id } = await registerDevice();
    const rows = await gateway.db.selectFrom('users').selectAll().execute();
    const row = rows.find((user) => user.id === user_id);
    assert.ok(row, 'the user is stored');
    for (const [column, value] of Object.entries(row)) {
      assert.notEqual(value, token, `users.${column}`);
    }
    assert.ok(!JSON.stringify(rows).includes(token), 'the token appears nowhere in the users table');
  });
});

describe("one user cannot reach another's objects", () => {
  let owner: Awaited<ReturnType<typeof userWithThread>>;
  let intruder: Awaited<ReturnType<typeof userWithThread>>;
  let ownerIds: { messageId: string; runId: string; stepId: string };
  let intruderRunId: string;

  const ownerView = async () => {
    const { token, assistantId, threadId } = owner;
    const thread = `/v1/threads/${threadId}`;
    const run = `${thread}/runs/${ownerIds.runId}`;
    const paths = [
      `/v1/assistants/${assistantId}`,
      thread,
      `${thread}/messages`,
      `${thread}/messages/${ownerIds.messageId}`,
      `${thread}/runs`,
      run,
      `${run}/steps/${ownerIds.stepId}`,
    ];
    return Promise.all(paths.map((path) => gateway.call(path, { token })));
  };

  const runToCompletion = async (user: typeof owner) => {
    const run = await gateway.call<{ id: string }>(`/v1/threads/${user.threadId}/runs`, {
      token: user.token,
      json: { assistant_id: user.assistantId },
    });
    await gateway.engine.idle();
    return run.id;
  };

  before(async () => {
    owner = await userWithThread(gateway, 'My secret diary entry.');
    intruder = await userWithThread(gateway, 'My own day.');
    const runId = await runToCompletion(owner);
    const thread = `/v1/threads/${owner.threadId}`;
    const steps = await gateway.call<{ data: [{ id: string }] }>(`${thread}/runs/${runId}/steps`, {
      token: owner.token,
    });
    const messages = await gateway.call<{ data: [{ id: string }] }>(`${thread}/messages`, {
      token: owner.token,
    });
    ownerIds = { messageId: messages.data[0].id, runId, stepId: steps.data[0].id };
    intruderRunId = await runToCompletion(intruder);
  });

  test("every request naming another user's object answers the same 404 as an unknown id", async () => {
    const { assistantId, threadId } = owner;
    const { messageId, runId, stepId } = ownerIds;
    const theirs = `/v1/threads/${threadId}`;
    const mine = `/v1/threads/${intruder.threadId}`;
    const cases: Array<[string, string, unknown, string, string]> = [
      ['GET', `/v1/assistants/${assistantId}`, undefined, 'assistant', assistantId],
      ['POST', `/v1/assistants/${assistantId}`, { name: 'Mine now' }, 'assistant', assistantId],
      ['DELETE', `/v1/assistants/${assistantId}`, undefined, 'assistant', assistantId],
      ['GET', theirs, undefined, 'thread', threadId],
      ['POST', theirs, { metadata: { owner: 'intruder' } }, 'thread', threadId],
      ['DELETE', theirs, undefined, 'thread', threadId],
      ['GET', `${theirs}/messages`, undefined, 'thread', threadId],
      ['POST', `${theirs}/messages`, { role: 'user', content: 'Planted.' }, 'thread', threadId],
      ['GET', `${theirs}/messages/${messageId}`, undefined, 'thread', threadId],
      ['POST', `${theirs}/messages/${messageId}`, { metadata: { seen: 'yes' } }, 'thread', threadId],
      ['DELETE', `${theirs}/messages/${messageId}`, undefined, 'thread', threadId],
      ['GET', `${mine}/messages/${messageId}`, undefined, 'message', messageId],
      ['DELETE', `${mine}/messages/${messageId}`, undefined, 'message', messageId],
      ['POST', `${theirs}/runs`, { assistant_id: intruder.assistantId }, 'thread', threadId],
      ['POST', `${mine}/runs`, { assistant_id: assistantId }, 'assistant', assistantId],
      ['POST', '/v1/threads/runs', { assistant_id: assistantId }, 'assistant', assistantId],
      ['GET', `${theirs}/runs`, undefined, 'thread', threadId],
      ['GET', `${theirs}/runs/${runId}`, undefined, 'thread', threadId],
      ['POST', `${theirs}/runs/${runId}`, { metadata: { seen: 'yes' } }, 'thread', threadId],
      ['POST', `${theirs}/runs/${runId}/cancel`, undefined, 'thread', threadId],
      ['GET', `${mine}/runs/${runId}`, undefined, 'run', runId],
      ['GET', `${theirs}/runs/${runId}/steps`, undefined, 'thread', threadId],
      ['GET', `${mine}/runs/${runId}/steps`, undefined, 'run', runId],
      ['GET', `${theirs}/runs/${runId}/steps/${stepId}`, undefined, 'thread', threadId],
      ['GET', `${mine}/runs/${intruderRunId}/steps/${stepId}`, undefined, 'run step', stepId],
    ];
    for (const [method, path, json, kind, id] of cases) {
      const label = `${method} ${path}`;
      const foreign = await gateway.request(path, { method, token: intruder.token, json });
      const unknownId = `${id.split('_')[0]}_doesnotexist`;
      const unknown = await gateway.request(path.replace(id, unknownId), {
        method,
        token: intruder.token,
        json: json && JSON.parse(JSON.stringify(json).replace(id, unknownId)),
      });
      assert.equal(foreign.status, 404, label);
      assert.equal(unknown.status, 404, `${label} with an unknown id`);
      const foreignBody = await foreign.json();
      assert.deepEqual(
        foreignBody,
        {
          error: {
            message: `No ${kind} found with id '${id}'.`,
            type: 'invalid_request_error',
            param: null,
            code: null,
          },
        },
        label,
      );
      assert.deepEqual(
        JSON.parse(JSON.stringify(foreignBody).replace(id, unknownId)),
        await unknown.json(),
        `${label}: an unknown id answers the same`,
      );
    }
  });

  test("the owner's objects are untouched by those requests", async () => {
    const beforeAttempts = await ownerView();
    const { assistantId, threadId } = owner;
    const theirs = `/v1/threads/${threadId}`;
    const attempts: Array<[string, string, unknown]> = [
      ['POST', `/v1/assistants/${assistantId}`, { name: 'Mine now' }],
      ['DELETE', `/v1/assistants/${assistantId}`, undefined],
      ['POST', theirs, { metadata: { owner: 'intruder' } }],
      ['POST', `${theirs}/messages`, { role: 'user', content: 'Planted.' }],
      ['POST', `${theirs}/messages/${ownerIds.messageId}`, { metadata: { seen: 'yes' } }],
      ['DELETE', `/v1/threads/${intruder.threadId}/messages/${ownerIds.messageId}`, undefined],
      ['POST', `${theirs}/runs`, { assistant_id: intruder.assistantId }],
      ['POST', `${theirs}/runs/${ownerIds.runId}`, { metadata: { seen: 'yes' } }],
      ['DELETE', theirs, undefined],
    ];
    for (const [method, path, json] of attempts) {
      const response = await gateway.request(path, { method, token: intruder.token, json });
      assert.equal(response.status, 404, `${method} ${path}`);
    }
    await gateway.engine.idle();
    assert.deepEqual(await ownerView(), beforeAttempts);
  });

  test("another user's ids are not cursors or filters in one's own lists", async () => {
    const ownMessages = `/v1/threads/${intruder.threadId}/messages`;
    const cursor = await gateway.request(`${ownMessages}?after=${ownerIds.messageId}`, {
      token: intruder.token,
    });
    assert.equal(cursor.status, 400);
    const byRun = await gateway.call<{ data: unknown[] }>(`${ownMessages}?run_id=${ownerIds.runId}`, {
      token: intruder.token,
    });
    assert.deepEqual(byRun.data, []);
  });

  test("each user's assistants list holds only their own assistants", async () => {
    const listIds = async (token: string) =>
      (await gateway.call<{ data: Array<{ id: string }> }>('/v1/assistants', { token })).data.map(
        (a) => a.id,
      );
    assert.deepEqual(await listIds(owner.token), [owner.assistantId]);
    assert.deepEqual(await listIds(intruder.token), [intruder.assistantId]);
    const cursor = await gateway.request(`/v1/assistants?after=${owner.assistantId}`, {
      token: intruder.token,
    });
    assert.equal(cursor.status, 400);
  });
});
