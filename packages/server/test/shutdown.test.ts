import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gatewayCommand } from '../src/launch-command.ts';
import { startFakeUpstream } from './support/fake-upstream.ts';
import {
  deltaText,
  type GatewayClient,
  gatewayClient,
  type MessageBody,
  messageText,
  pollUntil,
  type RunBody,
} from './support/gateway-client.ts';
import { eventsOf, parsed, type ReceivedEvent } from './support/sse.ts';

const folder = mkdtempSync(join(tmpdir(), 'haru-shutdown-'));
const children: ChildProcess[] = [];
after(() => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(folder, { recursive: true, force: true });
});

/** The gateway as its own process, so it can be sent SIGTERM and its exit code read. */
async function startGatewayProcess(env: Record<string, string>) {
  const child = spawn(process.execPath, gatewayCommand(), {
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  let log = '';
  child.stdout?.on('data', (chunk) => {
    log += chunk;
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', () => {
      const match = log.match(/listening on (http:\/\/[^\s"]+)/);
      if (match?.[1]) resolve(match[1]);
    });
    void exited.then(([code]) => reject(new Error(`the gateway exited with ${code}: ${log}`)));
  });
  return { child, url, exited, log: () => log };
}

/** Opens a streamed run and keeps every event it receives, until the stream ends or breaks. */
async function openStream(client: GatewayClient, reply: string) {
  const { token, assistantId, threadId } = await client.userWithThread(reply);
  const response = await client.request(`/v1/threads/${threadId}/runs`, {
    token,
    json: { assistant_id: assistantId, stream: true },
  });
  assert.equal(response.status, 200);
  const events: ReceivedEvent[] = [];
  const ended = (async () => {
    for await (const event of eventsOf(response)) events.push(event);
  })();
  return { token, threadId, events, ended };
}

/** A POST on a fresh connection: the status it was answered with, or the connection error's code. */
function freshPost(url: string, path: string): Promise<number | string> {
  return new Promise((resolve) => {
    const outgoing = request(`${url}${path}`, { method: 'POST', agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    outgoing.end();
  });
}

const hasDelta = (events: ReceivedEvent[]) => events.some((event) => event.event === 'thread.message.delta');

test('SIGTERM with runs longer than the grace ends every open stream with its failure and done, then exits 0', {
  timeout: 30_000,
}, async () => {
  // Each reply would take about 20 s; the grace is 1 s.
  const upstream = await startFakeUpstream({
    pieces: Array.from({ length: 400 }, (_, i) => `w${i} `),
    delayMs: 50,
  });
  const gateway = await startGatewayProcess({
    DATABASE_URL: `sqlite:${join(folder, 'grace-runs-out.sqlite')}`,
    OPENAI_API_KEY: 'sk-test-upstream',
    OPENAI_BASE_URL: upstream.baseURL,
    HARU_SHUTDOWN_GRACE_MS: '1000',
  });
  try {
    const client = gatewayClient(gateway.url);
    const streams = await Promise.all(Array.from({ length: 5 }, (_, i) => openStream(client, `Day ${i}`)));
    await pollUntil('every stream to be writing its reply', async () =>
      streams.every((stream) => hasDelta(stream.events)) ? true : undefined,
    );

    gateway.child.kill('SIGTERM');
    await pollUntil('the gateway to start shutting down', async () =>
      gateway.log().includes('shutting down') ? true : undefined,
    );
    const refused = await freshPost(gateway.url, '/auth/device');
    assert.ok(
      refused === 'ECONNREFUSED' || refused === 503,
      `a new request after SIGTERM is refused, not served: got ${refused}`,
    );

    for (const [index, stream] of streams.entries()) {
      await stream.ended;
      const where = `stream ${index}`;
      const names = stream.events.map((event) => event.event);
      assert.deepEqual(
        names.slice(-4),
        ['thread.message.incomplete', 'thread.run.step.failed', 'thread.run.failed', 'done'],
        where,
      );
      const failed = parsed<RunBody>(stream.events.at(-2) as ReceivedEvent);
      assert.equal(failed.status, 'failed', where);
      assert.equal(failed.last_error?.code, 'server_error', where);
      assert.match(
        failed.last_error?.message ?? '',
        /\w+ \w+ \w+/,
        `${where}: last_error is a sentence for users`,
      );
      const incomplete = parsed<MessageBody>(stream.events.at(-4) as ReceivedEvent);
      assert.equal(incomplete.status, 'incomplete', where);
      assert.equal(
        messageText(incomplete),
        deltaText(stream.events),
        `${where}: the kept text is what was streamed`,
      );
      assert.ok(messageText(incomplete).length > 0, where);
    }

    const [code, signal] = await gateway.exited;
    assert.deepEqual({ code, signal }, { code: 0, signal: null });
  } finally {
    await upstream.close();
  }
});

test('Ctrl-C (twice, as npm start passes it on) with runs that finish within the grace lets them complete normally, then exits 0', {
  timeout: 30_000,
}, async () => {
  const pieces = Array.from({ length: 30 }, (_, i) => `part${i} `);
  const upstream = await startFakeUpstream({ pieces, delayMs: 30 });
  const database = join(folder, 'grace-suffices.sqlite');
  const gateway = await startGatewayProcess({
    DATABASE_URL: `sqlite:${database}`,
    OPENAI_API_KEY: 'sk-test-upstream',
    OPENAI_BASE_URL: upstream.baseURL,
    HARU_SHUTDOWN_GRACE_MS: '60000',
  });
  try {
    const client = gatewayClient(gateway.url);
    const streams = await Promise.all(
      Array.from({ length: 3 }, (_, i) => openStream(client, `Evening ${i}`)),
    );
    await pollUntil('every stream to be writing its reply', async () =>
      streams.every((stream) => hasDelta(stream.events)) ? true : undefined,
    );

    // A terminal's Ctrl-C under `npm start` arrives twice: straight from the terminal, and passed on by npm.
    gateway.child.kill('SIGINT');
    gateway.child.kill('SIGINT');
    for (const [index, stream] of streams.entries()) {
      await stream.ended;
      const names = stream.events.map((event) => event.event);
      assert.deepEqual(
        names.slice(-4),
        ['thread.message.completed', 'thread.run.step.completed', 'thread.run.completed', 'done'],
        `stream ${index}`,
      );
      assert.equal(deltaText(stream.events), pieces.join(''), `stream ${index}`);
    }
    const [code, signal] = await gateway.exited;
    assert.deepEqual({ code, signal }, { code: 0, signal: null });

    // What they wrote is stored: a gateway started again on the database shows the runs completed.
    const again = await startGatewayProcess({ DATABASE_URL: `sqlite:${database}` });
    const reopened = gatewayClient(again.url);
    for (const stream of streams) {
      const runs = await reopened.call<{ data: RunBody[] }>(`/v1/threads/${stream.threadId}/runs`, {
        token: stream.token,
      });
      assert.deepEqual(
        runs.data.map((run) => run.status),
        ['completed'],
      );
      const messages = await reopened.call<{ data: MessageBody[] }>(
        `/v1/threads/${stream.threadId}/messages`,
        {
          token: stream.token,
        },
      );
      assert.equal(messageText(messages.data[0] as MessageBody), pieces.join(''));
    }
    again.child.kill('SIGTERM');
    assert.deepEqual(await again.exited, [0, null]);
  } finally {
    await upstream.close();
  }
});
