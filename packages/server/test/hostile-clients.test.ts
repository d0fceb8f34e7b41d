import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, mock, test } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { sql } from 'kysely';
import { pino } from 'pino';
import { createApp } from '../src/app.ts';
import type { ModelProvider } from '../src/providers/model-provider.ts';
import { offlineCompanionProvider } from '../src/providers/offline-companion.ts';
import { openStreamCount } from '../src/routes/run-event-stream.ts';
import { openDatabase } from '../src/storage/database.ts';
import { maxMessagesPerThread } from '../src/storage/insert-thread.ts';
import { startGateway, userWithThread } from './support/gateway.ts';
import { apiClient } from './support/gateway-client.ts';

const errorOf = async (response: Response) =>
  ((await response.json()) as { error: { message: string; type: string; code: string | null } }).error;

describe('sizes and shapes', () => {
  test('bodies past the documented sizes answer 400 and store nothing', async () => {
    const gateway = await startGateway();
    try {
      const { token, assistantId, threadId } = await userWithThread(gateway);
      const long = (length: number) => 'x'.repeat(length);
      const deep = (levels: number) => JSON.parse(`${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`);
      const tooBig: Array<[string, unknown]> = [
        [`/v1/threads/${threadId}/messages`, { role: 'user', content: long(256_001) }],
        [
          `/v1/threads/${threadId}/messages`,
          {
            role: 'user',
            content: [
              { type: 'text', text: long(128_001) },
              { type: 'text', text: long(128_000) },
            ],
          },
        ],
        [
          '/v1/threads',
          { metadata: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v'])) },
        ],
        ['/v1/threads', { metadata: { [long(65)]: 'v' } }],
        ['/v1/threads', { metadata: { k: long(513) } }],
        ['/v1/assistants', { model: 'm', name: long(257) }],
        ['/v1/assistants', { model: 'm', instructions: long(256_001) }],
        ['/v1/assistants', { model: long(257) }],
        [`/v1/threads/${threadId}/runs`, { assistant_id: assistantId, model: long(257) }],
        [`/v1/threads/${threadId}/runs`, { assistant_id: assistantId, instructions: long(256_001) }],
        [
          `/v1/threads/${threadId}/runs`,
          { assistant_id: assistantId, additional_instructions: long(256_001) },
        ],
        ['/v1/threads/runs', { assistant_id: assistantId, instructions: long(256_001) }],
        [
          '/v1/assistants',
          {
            model: 'm',
            response_format: { type: 'json_schema', json_schema: { name: 'deep', schema: deep(4400) } },
          },
        ],
      ];
      for (const [path, json] of tooBig) {
        const response = await gateway.request(path, { token, json });
        assert.equal(response.status, 400, `${path} ${JSON.stringify(json).slice(0, 80)}`);
      }
      const threads = await gateway.db.selectFrom('threads').select('id').execute();
      assert.equal(threads.length, 1, 'no thread was added');
      assert.equal((await gateway.db.selectFrom('assistants').select('id').execute()).length, 1);
      assert.equal((await gateway.db.selectFrom('messages').select('id').execute()).length, 1);
      assert.equal((await gateway.db.selectFrom('runs').select('id').execute()).length, 0);

      const atLimit = await gateway.request(`/v1/threads/${threadId}/messages`, {
        token,
        json: { role: 'user', content: long(256_000) },
      });
      assert.equal(atLimit.status, 200, 'the limit itself is allowed');
      const reasonablyDeep = await gateway.request('/v1/assistants', {
        token,
        json: {
          model: 'm',
          response_format: { type: 'json_schema', json_schema: { name: 'ok', schema: deep(20) } },
        },
      });
      assert.equal(reasonablyDeep.status, 200, 'a real schema a few levels deep is fine');
    } finally {
      await gateway.close();
    }
  });

  test('a __proto__ key is refused wherever it is, spelled plainly or escaped; other odd keys are data', async () => {
    const gateway = await startGateway();
    try {
      const token = await gateway.newUser();
      for (const body of [
        '{"metadata":{"__proto__":"x"}}',
        '{"metadata":{"\\u005f_proto__":"x"}}',
        '{"messages":[{"role":"user","content":"hi","metadata":{"__proto__":{"polluted":"yes"}}}]}',
      ]) {
        const response = await gateway.request('/v1/threads', {
          method: 'POST',
          token,
          headers: { 'content-type': 'application/json' },
          body,
        });
        assert.equal(response.status, 400, body);
        assert.match((await errorOf(response)).message, /__proto__/);
      }
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      const odd = await gateway.call<{ metadata: Record<string, string> }>('/v1/threads', {
        token,
        json: {
          metadata: {
            constructor: 'a',
            prototype: 'b',
            toString: 'c',
            'text __proto__ in a value': '__proto__',
          },
        },
      });
      assert.deepEqual(odd.metadata, {
        constructor: 'a',
        prototype: 'b',
        toString: 'c',
        'text __proto__ in a value': '__proto__',
      });
      assert.equal((await gateway.db.selectFrom('threads').select('id').execute()).length, 1);
    } finally {
      await gateway.close();
    }
  });

  test(`a thread holds at most ${maxMessagesPerThread.toLocaleString('en')} messages`, async () => {
    const gateway = await startGateway();
    try {
      const { token, threadId } = await userWithThread(gateway);
      const [row] = await gateway.db.selectFrom('messages').select(['user_id', 'body']).execute();
      assert.ok(row);
      // Filled in the database directly: the same rows the API writes, without 100,000 requests.
      await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${maxMessagesPerThread - 2})
        insert into messages (id, user_id, created_at, body, thread_id, tokens)
        select 'msg_filler' || i, ${row.user_id}, 0, ${row.body}, ${threadId}, 1 from n`.execute(gateway.db);
      const add = () =>
        gateway.request(`/v1/threads/${threadId}/messages`, {
          token,
          json: { role: 'user', content: 'one more' },
        });
      assert.equal((await add()).status, 200, `message ${maxMessagesPerThread.toLocaleString('en')}`);
      const refused = await add();
      assert.equal(refused.status, 400);
      assert.match((await errorOf(refused)).message, /start a new thread/);
    } finally {
      await gateway.close();
    }
  });
});

describe('headers', () => {
  test('every response says nosniff, never framed, no referrer; token-carrying ones are not cached', async () => {
    const adminKey = 'headers-admin-key-0123456789';
    const gateway = await startGateway({ access: { adminKey } });
    try {
      const register = await gateway.request('/auth/device', { method: 'POST' });
      const { token } = (await register.json()) as { token: string };
      const responses = {
        register,
        list: await gateway.request('/v1/threads', { token }),
        unauthorised: await gateway.request('/v1/threads'),
        health: await gateway.request('/healthz'),
        unknown: await gateway.request('/nowhere'),
        devices: await gateway.request('/auth/devices', { token }),
        adminUsers: await gateway.request('/admin/users', {
          headers: { authorization: `Bearer ${adminKey}` },
        }),
        adminInvite: await gateway.request('/admin/invites', {
          method: 'POST',
          headers: { authorization: `Bearer ${adminKey}` },
          json: {},
        }),
      };
      for (const [name, response] of Object.entries(responses)) {
        assert.equal(response.headers.get('x-content-type-options'), 'nosniff', name);
        assert.equal(response.headers.get('x-frame-options'), 'DENY', name);
        assert.match(response.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/, name);
        assert.equal(response.headers.get('referrer-policy'), 'no-referrer', name);
      }
      assert.equal(responses.adminUsers.status, 200);
      assert.equal(responses.adminInvite.status, 201);
      for (const name of [
        'register',
        'list',
        'unauthorised',
        'devices',
        'adminUsers',
        'adminInvite',
      ] as const) {
        assert.equal(responses[name].headers.get('cache-control'), 'no-store', name);
      }
    } finally {
      await gateway.close();
    }
  });

  describe('the served web app', () => {
    const webDir = mkdtempSync(join(tmpdir(), 'haru-web-'));
    mkdirSync(join(webDir, '.git'));
    mkdirSync(join(webDir, '_expo'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Haru</title>');
    writeFileSync(join(webDir, '_expo', 'app.js'), 'console.log(1)');
    writeFileSync(join(webDir, '.env'), 'OPENAI_API_KEY=sk-secret');
    writeFileSync(join(webDir, '.git', 'config'), '[core]');
    mkdirSync(join(webDir, '_expo', '.cache'));
    writeFileSync(join(webDir, '_expo', '.cache', 'x'), 'secret');

    test('has a content security policy of its own scripts', async () => {
      const gateway = await startGateway({ webAppDir: webDir });
      try {
        for (const path of ['/', '/_expo/app.js', '/journal/2026-11-25']) {
          const response = await gateway.request(path);
          assert.equal(response.status, 200, path);
          const policy = response.headers.get('content-security-policy') ?? '';
          assert.match(policy, /script-src 'self'/, path);
          assert.match(policy, /frame-ancestors 'none'/, path);
          assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path);
        }
      } finally {
        await gateway.close();
      }
    });

    test('never serves a dotfile, however the path is written', async () => {
      const gateway = await startGateway({ webAppDir: webDir });
      try {
        for (const path of [
          '/.env',
          '/%2eenv',
          '/%2Eenv',
          '/%252eenv',
          '/.git/config',
          '/_expo/.cache/x',
          '/_expo/%2ecache/x',
          '/_expo/..%2f.env',
          '/x/%2e%2e/.env',
          '/%E0%A4%A',
        ]) {
          const response = await gateway.request(path);
          const text = await response.text();
          assert.equal(response.status, 404, path);
          assert.ok(!text.includes('secret') && !text.includes('[core]'), path);
        }
      } finally {
        await gateway.close();
      }
    });

    test('cleans up', () => rmSync(webDir, { recursive: true, force: true }));
  });

  test('CORS: the gateway’s own origin and the listed ones only', async () => {
    const gateway = await startGateway({ access: { corsOrigins: ['http://localhost:8081'] } });
    try {
      const preflight = (origin: string) =>
        gateway.request('/v1/threads', {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'authorization',
          },
        });
      for (const origin of ['http://localhost:8081', 'http://localhost']) {
        const response = await preflight(origin);
        assert.equal(response.headers.get('access-control-allow-origin'), origin, origin);
      }
      for (const origin of ['http://evil.example', 'http://localhost:8082', 'null']) {
        const response = await preflight(origin);
        assert.equal(response.headers.get('access-control-allow-origin'), null, origin);
      }
      const registered = await gateway.request('/auth/device', {
        method: 'POST',
        headers: { origin: 'http://evil.example' },
      });
      assert.equal(registered.headers.get('access-control-allow-origin'), null);
    } finally {
      await gateway.close();
    }
  });
});

describe('connections', () => {
  test('a streamed run asked with Connection: close ends with the socket closed', {
    timeout: 30_000,
  }, async () => {
    const gateway = await startGateway();
    try {
      const url = await gateway.listen();
      const { token, assistantId, threadId } = await userWithThread(gateway);
      const body = JSON.stringify({ assistant_id: assistantId, stream: true });
      const socket = connect(Number(new URL(url).port), '127.0.0.1');
      let received = '';
      socket.on('data', (chunk) => {
        received += chunk;
      });
      socket.write(
        `POST /v1/threads/${threadId}/runs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      await new Promise((resolve) => socket.once('close', resolve));
      assert.match(received, /^HTTP\/1\.1 200/);
      assert.match(received, /event: done/);
    } finally {
      await gateway.close();
    }
  });

  test('a client that stops reading is dropped past the buffer bound; the run is kept whole', {
    timeout: 60_000,
  }, async () => {
    const replyBytes = 8 * 1024 * 1024;
    const delta = 'a'.repeat(16 * 1024);
    const bigModel: ModelProvider = {
      name: 'big-model',
      async *stream() {
        for (let sent = 0; sent < replyBytes; sent += delta.length) yield { type: 'text-delta', text: delta };
        yield { type: 'finish', reason: 'stop', usage: { promptTokens: 1, completionTokens: 1 } };
      },
    };
    const gateway = await startGateway({
      provider: bigModel,
      access: { limits: { streamBufferBytes: 256 * 1024 } },
    });
    mock.timers.enable({ apis: ['setInterval'] });
    let socket: Socket | undefined;
    try {
      const url = await gateway.listen();
      const { token, assistantId, threadId } = await userWithThread(gateway);
      const run = await gateway.call<{ id: string }>(`/v1/threads/${threadId}/runs`, {
        token,
        json: { assistant_id: assistantId },
      });
      await gateway.engine.settled(run.id);

      const reader = connect(Number(new URL(url).port), '127.0.0.1');
      socket = reader;
      let received = 0;
      let receivedText = '';
      reader.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (receivedText.length < 4096) receivedText += chunk.toString();
      });
      reader.on('error', () => undefined);
      await new Promise((resolve) => reader.once('connect', resolve));
      reader.write(
        `GET /v1/threads/${threadId}/runs/${run.id}/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n\r\n`,
      );
      reader.pause();
      // Each tick is the stream ticker's look at its clients: one that took nothing since the last is dropped.
      let opened = false;
      for (let look = 0; look < 100_000 && !(opened && openStreamCount() === 0); look++) {
        opened ||= openStreamCount() > 0;
        mock.timers.tick(5_000);
        await nextTurn();
      }
      assert.equal(openStreamCount(), 0, 'the gateway let go of the stream');
      const ended = new Promise((resolve) => reader.once('close', resolve));
      reader.resume();
      await ended;
      assert.match(receivedText, /^HTTP\/1\.1 200/);
      assert.ok(received < replyBytes, `the client got only what was already sent (${received} bytes)`);

      const stored = await gateway.call<{ status: string }>(`/v1/threads/${threadId}/runs/${run.id}`, {
        token,
      });
      assert.equal(stored.status, 'completed');
      const [reply] = (
        await gateway.call<{ data: Array<{ content: Array<{ text: { value: string } }> }> }>(
          `/v1/threads/${threadId}/messages?limit=1`,
          { token },
        )
      ).data;
      assert.equal(reply?.content[0]?.text.value.length, replyBytes, 'the reply is stored whole');
    } finally {
      mock.timers.reset();
      socket?.destroy();
      await gateway.close();
    }
  });
});

describe('requests Node’s HTTP parser refuses', () => {
  /** The whole answer to `raw`, sent as is on a fresh connection. */
  async function answerTo(url: string, raw: string): Promise<string> {
    const socket = connect(Number(new URL(url).port), '127.0.0.1');
    let answer = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => {
      answer += chunk;
    });
    socket.on('error', () => undefined);
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(raw);
    await new Promise((resolve) => socket.once('close', resolve));
    return answer;
  }

  test('a URL past 16 KB and broken framing get an OpenAI-shaped error, not a bare status line', async () => {
    const gateway = await startGateway();
    try {
      const url = await gateway.listen();
      const cases: Array<[string, number]> = [
        [`GET /v1/threads/${'x'.repeat(20_000)} HTTP/1.1\r\nHost: a\r\n\r\n`, 431],
        ['GET /v1/threads HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n', 400],
        ['NOT HTTP AT ALL\r\n\r\n', 400],
        // Broken after the headers, once the request has reached the app: its body's framing.
        [
          'POST /v1/threads HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
          400,
        ],
      ];
      for (const [raw, status] of cases) {
        const answer = await answerTo(url, raw);
        const [head = '', body = ''] = answer.split('\r\n\r\n');
        assert.match(head, new RegExp(`^HTTP/1\\.1 ${status} `), raw.slice(0, 40));
        assert.match(head, /content-type: application\/json/i);
        assert.match(head, /x-content-type-options: nosniff/i);
        assert.match(head, /content-security-policy: frame-ancestors 'none'/i);
        assert.match(head, /referrer-policy: no-referrer/i);
        const { error } = JSON.parse(body) as { error: { message: string; type: string } };
        assert.equal(error.type, 'invalid_request_error');
        assert.ok(error.message.length > 10);
      }
    } finally {
      await gateway.close();
    }
  });
});

describe('the byte bound on a stalled client', () => {
  // One event of 24 MB: more than the kernel's socket buffers take, so most of it waits in the gateway.
  const hugeDelta = 'a'.repeat(24 * 1024 * 1024);
  const oneHugeDelta: ModelProvider = {
    name: 'huge-delta-model',
    async *stream() {
      yield { type: 'text-delta', text: hugeDelta };
      yield { type: 'finish', reason: 'stop', usage: { promptTokens: 1, completionTokens: 1 } };
    },
  };

  /** How many of the stream ticker's looks pass, with the client stalled, until the gateway lets go of it. */
  async function looksUntilDropped(streamBufferBytes: number): Promise<number> {
    const gateway = await startGateway({ provider: oneHugeDelta, access: { limits: { streamBufferBytes } } });
    const port = Number(new URL(await gateway.listen()).port);
    mock.timers.enable({ apis: ['setInterval'] });
    let reader: Socket | undefined;
    try {
      const { token, assistantId, threadId } = await userWithThread(gateway);
      const run = await gateway.call<{ id: string }>(`/v1/threads/${threadId}/runs`, {
        token,
        json: { assistant_id: assistantId },
      });
      await gateway.engine.settled(run.id);
      const socket = connect(port, '127.0.0.1');
      reader = socket;
      socket.on('error', () => undefined);
      await new Promise((resolve) => socket.once('connect', resolve));
      // The head goes out with the first events in one write: its arrival means the huge event is written.
      const firstBytes = new Promise((resolve) => socket.once('data', resolve));
      socket.write(
        `GET /v1/threads/${threadId}/runs/${run.id}/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n\r\n`,
      );
      await firstBytes;
      socket.pause();
      let looks = 0;
      while (openStreamCount() > 0 && looks < 10) {
        mock.timers.tick(5_000);
        looks++;
        await nextTurn();
      }
      return looks;
    } finally {
      mock.timers.reset();
      reader?.destroy();
      await gateway.close();
    }
  }

  test('a client holding more than the bound is dropped at the first look that sees it stalled', {
    timeout: 60_000,
  }, async () => {
    // The first look notes what was sent; the second sees nothing more went out.
    assert.equal(await looksUntilDropped(256 * 1024), 2);
  });

  test('under the bound a stalled client gets one more look before it is dropped', {
    timeout: 60_000,
  }, async () => {
    assert.equal(await looksUntilDropped(1024 ** 3), 3);
  });
});

describe('logs', () => {
  test('at info they hold no token, key, message text or oversized values', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    const db = await openDatabase('sqlite::memory:');
    const adminKey = 'admin-key-that-must-not-be-logged';
    const { app, engine } = createApp({
      db,
      provider: offlineCompanionProvider({ wordDelayMs: 0 }),
      logger: pino({ level: 'info' }, sink),
      adminKey,
    });
    const gateway = apiClient((path, init) => Promise.resolve(app.request(path, init)));
    try {
      const secretText = 'my very private diary sentence';
      const { token, assistantId, threadId } = await gateway.userWithThread(secretText);
      await gateway.call('/admin/invites', { headers: { authorization: `Bearer ${adminKey}` }, json: {} });
      const run = await gateway.call<{ id: string }>(`/v1/threads/${threadId}/runs`, {
        token,
        json: { assistant_id: assistantId },
      });
      await engine.settled(run.id);
      await gateway.request(`/v1/threads/${'x'.repeat(100_000)}`, { token });
      await gateway.request('/v1/assistants', { token, json: { model: 'm'.repeat(2_000_000) } });
      assert.ok(lines.length > 5);
      for (const line of lines) {
        assert.ok(!line.includes(token), 'no token');
        assert.ok(!line.includes(adminKey), 'no admin key');
        assert.ok(!line.includes(secretText), 'no message text');
        assert.ok(line.length < 2_000, `a short line: ${line.slice(0, 120)}…`);
      }
    } finally {
      await engine.idle();
      await db.destroy();
    }
  });
});
