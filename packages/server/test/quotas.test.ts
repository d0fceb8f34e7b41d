import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ModelProvider } from '../src/providers/model-provider.ts';
import { gatedModel } from './support/gated-model.ts';
import { startGateway, type TestGateway } from './support/gateway.ts';
import { pollUntil } from './support/gateway-client.ts';
import { toolCallingModel, weatherTool } from './support/tool-calling-model.ts';

const adminKey = 'test-admin-key-0123456789';
const admin = { authorization: `Bearer ${adminKey}` };

interface ErrorBody {
  error: { code: string | null; type: string; message: string };
}

async function assertRateLimited(response: Response, type: 'requests' | 'tokens' = 'requests') {
  assert.equal(response.status, 429);
  const retryAfter = Number(response.headers.get('retry-after'));
  assert.ok(
    Number.isInteger(retryAfter) && retryAfter >= 1,
    `Retry-After: ${response.headers.get('retry-after')}`,
  );
  const { error } = (await response.json()) as ErrorBody;
  assert.equal(error.code, 'rate_limit_exceeded');
  assert.equal(error.type, type);
  return retryAfter;
}

const newUser = (gateway: TestGateway) =>
  gateway.call<{ token: string; user_id: string }>('/auth/device', { method: 'POST' });

/** A user with an assistant and `count` threads, each holding one message named after it. */
async function userWithThreads(gateway: TestGateway, name: string, count: number) {
  const { token, user_id } = await newUser(gateway);
  const assistant = await gateway.call<{ id: string }>('/v1/assistants', {
    token,
    json: { model: 'test-model' },
  });
  const threads: string[] = [];
  for (let i = 1; i <= count; i++) {
    const thread = await gateway.call<{ id: string }>('/v1/threads', {
      token,
      json: { messages: [{ role: 'user', content: `${name}${i}` }] },
    });
    threads.push(thread.id);
  }
  const startRun = (index: number, extra: Record<string, unknown> = {}) =>
    gateway.request(`/v1/threads/${threads[index]}/runs`, {
      token,
      json: { assistant_id: assistant.id, ...extra },
    });
  return { token, userId: user_id, threads, startRun };
}

const runsOf = (gateway: TestGateway, threadId: string) =>
  gateway.db.selectFrom('runs').select(['id', 'status']).where('thread_id', '=', threadId).execute();

describe('requests per minute', () => {
  test('past the limit: 429 with Retry-After, nothing done; another user is unaffected; the owner can raise it', async () => {
    const gateway = await startGateway({ access: { adminKey, limits: { requestsPerMinute: 3 } } });
    try {
      const { token: alice, user_id: aliceId } = await newUser(gateway);
      const { token: bob } = await newUser(gateway);
      for (let i = 0; i < 3; i++)
        assert.equal((await gateway.request('/v1/threads', { token: alice })).status, 200);
      const retryAfter = await assertRateLimited(await gateway.request('/v1/threads', { token: alice }));
      assert.ok(retryAfter <= 60);
      await assertRateLimited(await gateway.request('/v1/threads', { token: alice, json: {} }));
      assert.deepEqual(
        await gateway.db.selectFrom('threads').selectAll().execute(),
        [],
        'no thread was created',
      );
      assert.equal(
        (await gateway.request('/v1/threads', { token: bob })).status,
        200,
        'bob has his own minute',
      );

      await gateway.call(`/admin/users/${aliceId}/quotas`, { headers: admin, json: { rate_limit_rpm: 100 } });
      assert.equal(
        (await gateway.request('/v1/threads', { token: alice })).status,
        200,
        'raised by the owner',
      );
    } finally {
      await gateway.close();
    }
  });
});

describe('runs in progress per user', () => {
  test('one more than allowed answers 429 and starts nothing; other users still run; the owner can raise it', async () => {
    const model = gatedModel();
    const gateway = await startGateway({
      provider: model.provider,
      access: { adminKey, limits: { runsPerUser: 2 } },
    });
    try {
      const alice = await userWithThreads(gateway, 'a', 3);
      const bob = await userWithThreads(gateway, 'b', 1);
      assert.equal((await alice.startRun(0)).status, 200);
      assert.equal((await alice.startRun(1)).status, 200);
      const refused = await alice.startRun(2, {
        additional_messages: [{ role: 'user', content: 'one more' }],
        stream: true,
      });
      await assertRateLimited(refused);
      const thirdThread = alice.threads[2] as string;
      assert.deepEqual(await runsOf(gateway, thirdThread), [], 'no run was stored');
      const messages = await gateway.call<{ data: unknown[] }>(`/v1/threads/${thirdThread}/messages`, {
        token: alice.token,
      });
      assert.equal(messages.data.length, 1, 'its additional message was not added');
      assert.equal((await bob.startRun(0)).status, 200, 'bob runs');

      await gateway.call(`/admin/users/${alice.userId}/quotas`, {
        headers: admin,
        json: { max_concurrent_runs: 3 },
      });
      assert.equal((await alice.startRun(2)).status, 200, 'raised by the owner');
      await model.untilStarted(4);
    } finally {
      model.releaseAll();
      await gateway.close();
    }
  });
  test('a run waiting for tool outputs holds no place; going on after its outputs takes one, or answers 429', async () => {
    const generating = gatedModel();
    const calling = toolCallingModel();
    // Runs with tools call them; the rest wait on the gate, holding the user's one place.
    const provider: ModelProvider = {
      name: 'tools-or-gated',
      stream: (request) =>
        (request.tools?.length && !request.messages.some((message) => message.role === 'tool')
          ? calling.provider
          : generating.provider
        ).stream(request),
    };
    const gateway = await startGateway({ provider, access: { limits: { runsPerUser: 1 } } });
    try {
      const alice = await userWithThreads(gateway, 'a', 2);
      const waiting = await alice.startRun(0, { tools: [weatherTool] });
      assert.equal(waiting.status, 200);
      const run = (await waiting.json()) as { id: string; thread_id: string };
      const status = () =>
        gateway
          .call<{ status: string }>(`/v1/threads/${run.thread_id}/runs/${run.id}`, { token: alice.token })
          .then((body) => body.status);
      await gateway.engine.idle();
      assert.equal(await status(), 'requires_action');

      assert.equal((await alice.startRun(1)).status, 200, 'the waiting run does not count');
      await generating.untilStarted(1);
      const submit = () =>
        gateway.request(`/v1/threads/${run.thread_id}/runs/${run.id}/submit_tool_outputs`, {
          token: alice.token,
          json: {
            tool_outputs: [
              { tool_call_id: 'call_seoul', output: 'sunny' },
              { tool_call_id: 'call_busan', output: 'cloudy' },
            ],
          },
        });
      await assertRateLimited(await submit());
      assert.equal(await status(), 'requires_action', 'refused outputs leave it waiting');

      generating.release('a2');
      await gateway.engine.idle();
      assert.equal((await submit()).status, 200, 'with the place free, the run goes on');
      await generating.untilStarted(2);
      generating.releaseAll();
      await gateway.engine.idle();
      assert.equal(await status(), 'completed');
    } finally {
      generating.releaseAll();
      await gateway.close();
    }
  });
});

describe('model tokens per day', () => {
  test("a user past the day's tokens gets 429 until midnight UTC, nothing started; another user runs", async () => {
    const model = gatedModel({ promptTokens: 10, completionTokens: 5 });
    const gateway = await startGateway({
      provider: model.provider,
      access: { adminKey, limits: { tokensPerDay: 15 } },
    });
    try {
      const alice = await userWithThreads(gateway, 'a', 2);
      const bob = await userWithThreads(gateway, 'b', 1);
      const first = (await (await alice.startRun(0)).json()) as { id: string };
      await model.untilStarted(1);
      model.release('a1');
      await gateway.engine.settled(first.id);
      const refused = await alice.startRun(1);
      const retryAfter = await assertRateLimited(refused, 'tokens');
      const now = Math.floor(Date.now() / 1000);
      const midnight = now - (now % 86_400) + 86_400;
      assert.ok(Math.abs(now + retryAfter - midnight) <= 2, 'Retry-After points at midnight UTC');
      assert.deepEqual(await runsOf(gateway, alice.threads[1] as string), []);
      assert.equal((await bob.startRun(0)).status, 200);
      await model.untilStarted(2);
      assert.deepEqual(model.started(), ['a1', 'b1'], 'only the first run and bob’s reached the model');
      const users = await gateway.call<{ data: Array<{ id: string; usage: { tokens_today: number } }> }>(
        '/admin/users',
        { headers: admin },
      );
      assert.equal(
        users.data.find((user) => user.id === alice.userId)?.usage.tokens_today,
        15,
        'the owner sees it',
      );
    } finally {
      model.releaseAll();
      await gateway.close();
    }
  });
});

describe('runs generating across the gateway', () => {
  test('past the cap runs wait as queued, and the freed slots go to each waiting user in turn', async () => {
    const model = gatedModel();
    const gateway = await startGateway({
      provider: model.provider,
      access: { limits: { generatingRuns: 2, runsPerUser: 10 } },
    });
    try {
      const alice = await userWithThreads(gateway, 'a', 4);
      const bob = await userWithThreads(gateway, 'b', 1);
      for (let i = 0; i < 4; i++) assert.equal((await alice.startRun(i)).status, 200);
      assert.equal((await bob.startRun(0)).status, 200);
      await model.untilStarted(2);
      assert.deepEqual(model.started(), ['a1', 'a2']);
      for (const threadId of [alice.threads[2], alice.threads[3], bob.threads[0]]) {
        const [run] = await runsOf(gateway, threadId as string);
        assert.equal(run?.status, 'queued');
      }

      model.release('a1');
      await model.untilStarted(3);
      model.release('a2');
      await model.untilStarted(4);
      // Alice's a3 had the first turn; bob's turn comes before alice's second waiting run.
      assert.deepEqual(model.started(), ['a1', 'a2', 'a3', 'b1']);
      const bobRun = await pollUntil('bob’s run to be stored in progress', async () => {
        const [run] = await runsOf(gateway, bob.threads[0] as string);
        return run?.status === 'in_progress' ? run : undefined;
      });
      assert.equal(bobRun.status, 'in_progress');
      const [waiting] = await runsOf(gateway, alice.threads[3] as string);
      assert.equal(waiting?.status, 'queued');

      model.release('a3');
      await model.untilStarted(5);
      model.releaseAll();
      await gateway.engine.idle();
      for (const threadId of [...alice.threads, ...bob.threads]) {
        const [run] = await runsOf(gateway, threadId);
        assert.equal(run?.status, 'completed');
      }
    } finally {
      model.releaseAll();
      await gateway.close();
    }
  });

  test('a queued run can be cancelled before it starts, and gives up its place', async () => {
    const model = gatedModel();
    const gateway = await startGateway({
      provider: model.provider,
      access: { limits: { generatingRuns: 1 } },
    });
    try {
      const alice = await userWithThreads(gateway, 'a', 3);
      await alice.startRun(0);
      const queued = (await (await alice.startRun(1)).json()) as { id: string };
      await alice.startRun(2);
      await model.untilStarted(1);
      const cancelled = await gateway.call<{ status: string }>(
        `/v1/threads/${alice.threads[1]}/runs/${queued.id}/cancel`,
        { method: 'POST', token: alice.token },
      );
      assert.equal(cancelled.status, 'cancelling');
      await gateway.engine.settled(queued.id);
      const [run] = await runsOf(gateway, alice.threads[1] as string);
      assert.equal(run?.status, 'cancelled');
      model.release('a1');
      await model.untilStarted(2);
      assert.deepEqual(model.started(), ['a1', 'a3']);
    } finally {
      model.releaseAll();
      await gateway.close();
    }
  });
});
