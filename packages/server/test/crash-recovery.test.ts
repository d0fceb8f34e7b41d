import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startFakeUpstream } from './support/fake-upstream.ts';
import {
  deltaText,
  type GatewayClient,
  gatewayClient,
  idsOf,
  type MessageBody,
  messageText,
  pollUntil,
  type RunBody,
} from './support/gateway-client.ts';
import { startGatewayProcess } from './support/gateway-process.ts';
import { eventsOf, parsed, type ReceivedEvent, readEvents } from './support/sse.ts';

const folder = mkdtempSync(join(tmpdir(), 'haru-crash-'));
// A reply that would take about ten seconds: the process is killed well before it ends.
const slowReply = { pieces: Array.from({ length: 400 }, (_, i) => `조각${i} `), delayMs: 25 };

let upstream: Awaited<ReturnType<typeof startFakeUpstream>>;
let gateway: Awaited<ReturnType<typeof startGatewayProcess>>;
let client: GatewayClient;

before(async () => {
  upstream = await startFakeUpstream(slowReply);
  gateway = await startGatewayProcess({
    DATABASE_URL: `sqlite:${join(folder, 'haru.sqlite')}`,
    OPENAI_API_KEY: 'sk-test-upstream',
    OPENAI_BASE_URL: upstream.baseURL,
  });
  client = gatewayClient(gateway.url);
});

after(async () => {
  await gateway.stop();
  await upstream.close();
  rmSync(folder, { recursive: true, force: true });
});

const listMessages = async (token: string, threadId: string) =>
  (
    await client.call<{ data: MessageBody[] }>(`/v1/threads/${threadId}/messages?order=asc&limit=100`, {
      token,
    })
  ).data;

test('kill -9 mid-run, then a restart on the same database', { timeout: 90_000 }, async (t) => {
  const { token, assistantId, threadId } = await client.userWithThread('First, the river.');
  upstream.next({ pieces: ['What ', 'a calm ', 'walk.'] });
  const first = await readEvents(
    await client.request(`/v1/threads/${threadId}/runs`, {
      token,
      json: { assistant_id: assistantId, stream: true },
    }),
  );
  assert.equal(first.at(-2)?.event, 'thread.run.completed');
  await client.call(`/v1/threads/${threadId}/messages`, {
    token,
    json: { role: 'user', content: 'Then the long evening.', metadata: { mood: 'tired' } },
  });

  // The run the process will die in: a client streams it, keeping every event it receives.
  const response = await client.request(`/v1/threads/${threadId}/runs`, {
    token,
    json: { assistant_id: assistantId, stream: true },
  });
  const received: ReceivedEvent[] = [];
  const reading = (async () => {
    for await (const event of eventsOf(response)) received.push(event);
  })().catch(() => 'the connection died with the process');
  const created = await pollUntil('the run to be created', async () => received[0]);
  const runId = parsed<RunBody>(created).id;

  // The usual moment for a crash: a batch of the reply is stored, and the client has been shown
  // more, which the next batch would have stored.
  const storedBeforeKill = await pollUntil(
    'part of the reply to be stored, and the client ahead of it',
    async () => {
      const reply = (await listMessages(token, threadId)).find((message) => message.run_id === runId);
      const text = reply?.status === 'in_progress' ? messageText(reply) : '';
      return text.length > 0 && deltaText(received).length > text.length ? text : undefined;
    },
  );
  const othersBefore = (await listMessages(token, threadId)).filter((message) => message.run_id !== runId);
  assert.equal(othersBefore.length, 3, 'two user messages and the first reply');

  await gateway.stop();
  await reading;
  const clientText = deltaText(received);
  const lastSeenId = received.at(-1)?.id ?? '0';
  assert.ok(clientText.startsWith(storedBeforeKill), 'the client had at least what was stored');

  await gateway.start();

  await t.test('the run the dead process held ends failed, saying why', async () => {
    const run = await pollUntil(
      'the dead process’s run to be closed after the restart',
      async () => {
        const current = await client.call<RunBody>(`/v1/threads/${threadId}/runs/${runId}`, { token });
        return current.status === 'in_progress' || current.status === 'queued' ? undefined : current;
      },
      { guardMs: 15_000 },
    );
    assert.equal(run.status, 'failed');
    assert.equal(run.last_error?.code, 'server_error');
    assert.match(run.last_error?.message ?? '', /\w+ \w+ \w+/, 'last_error is a sentence for users');
  });

  const messages = await listMessages(token, threadId);
  const reply = messages.find((message) => message.run_id === runId);
  const kept = reply ? messageText(reply) : '';

  await t.test('its reply is kept as incomplete: what the client was shown, or a prefix of it', () => {
    assert.equal(reply?.status, 'incomplete');
    assert.ok(kept.length > 0, 'the partial reply is kept');
    assert.ok(kept.startsWith(storedBeforeKill), 'nothing stored before the kill is lost');
    assert.ok(
      clientText.startsWith(kept),
      `kept ${JSON.stringify(kept)}, shown ${JSON.stringify(clientText)}`,
    );
  });

  await t.test('the user’s messages and the earlier reply are unchanged', () => {
    assert.deepEqual(
      messages.filter((message) => message.run_id !== runId),
      othersBefore,
    );
  });

  await t.test('resuming from the last event the client had tells it how the reply ended', async () => {
    const resumed = await readEvents(
      await client.request(`/v1/threads/${threadId}/runs/${runId}/stream`, {
        token,
        headers: { 'Last-Event-ID': lastSeenId },
      }),
    );
    // The kept text may be shorter than what the client was shown: the closing message event says which.
    assert.deepEqual(
      resumed.map((event) => event.event).filter((name) => name !== 'thread.message.delta'),
      ['thread.message.incomplete', 'thread.run.step.failed', 'thread.run.failed', 'done'],
      `after event ${lastSeenId} came [${resumed.map((event) => `${event.id} ${event.event}`).join(', ')}]`,
    );
    const closing = resumed.find((event) => event.event === 'thread.message.incomplete');
    assert.equal(messageText(parsed<MessageBody>(closing as ReceivedEvent)), kept);
    assert.ok(
      idsOf(resumed).every((id) => id > Number(lastSeenId)),
      'resumed events come after the last one the client had',
    );
  });

  await t.test(
    'replayed from the start, the stored stream ends the run and agrees with the kept reply',
    async () => {
      const replay = await readEvents(
        await client.request(`/v1/threads/${threadId}/runs/${runId}/stream`, { token }),
      );
      const ids = idsOf(replay);
      assert.equal(ids[0], 1);
      assert.ok(
        ids.every((id, index) => index === 0 || id > (ids[index - 1] ?? 0)),
        `ids only increase: ${ids.join(',')}`,
      );
      assert.deepEqual(
        replay.slice(-4).map((event) => event.event),
        ['thread.message.incomplete', 'thread.run.step.failed', 'thread.run.failed', 'done'],
      );
      assert.equal(deltaText(replay), kept, 'the stored deltas add up to the kept reply');
    },
  );

  await t.test('the thread takes a new run, which completes', async () => {
    upstream.next({ pieces: ['Welcome ', 'back.'] });
    const next = await readEvents(
      await client.request(`/v1/threads/${threadId}/runs`, {
        token,
        json: { assistant_id: assistantId, stream: true },
      }),
    );
    assert.equal(next.at(-2)?.event, 'thread.run.completed');
    assert.equal(deltaText(next), 'Welcome back.');
  });
});
