import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { startGateway, type TestGateway } from './support/gateway.ts';

/** Every table the gateway writes, as text: the same text before and after means nothing changed. */
async function databaseState(gateway: TestGateway): Promise<string> {
  const tables = await sql<{ name: string }>`select name from sqlite_master
    where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name`.execute(
    gateway.db,
  );
  const hash = createHash('sha256');
  for (const { name } of tables.rows) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)} order by rowid`.execute(
      gateway.db,
    );
    // A device's last use is written once a minute whatever the request's fate; it is not the request's doing.
    for (const row of rows.rows) hash.update(JSON.stringify({ ...row, last_used_at: undefined }));
  }
  return hash.digest('hex');
}

const isErrorBody = (body: unknown): boolean => {
  const error = (body as { error?: Record<string, unknown> } | null)?.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof error.message === 'string' &&
    typeof error.type === 'string' &&
    (error.param === null || typeof error.param === 'string') &&
    (error.code === null || typeof error.code === 'string')
  );
};

const routes: Array<[string, string]> = [
  ['POST', '/auth/device'],
  ['POST', '/auth/link-code'],
  ['POST', '/auth/rotate'],
  ['GET', '/auth/devices'],
  ['DELETE', '/auth/devices/{device}'],
  ['DELETE', '/auth/account'],
  ['POST', '/admin/invites'],
  ['GET', '/admin/invites'],
  ['DELETE', '/admin/invites/{invite}'],
  ['GET', '/admin/users'],
  ['DELETE', '/admin/users/{user}'],
  ['POST', '/admin/users/{user}/revoke'],
  ['POST', '/admin/users/{user}/quotas'],
  ['POST', '/admin/assistants'],
  ['POST', '/admin/assistants/{assistant}'],
  ['DELETE', '/admin/assistants/{assistant}'],
  ['GET', '/v1/models'],
  ['GET', '/v1/models/{model}'],
  ['GET', '/v1/assistants'],
  ['POST', '/v1/assistants'],
  ['GET', '/v1/assistants/{assistant}'],
  ['POST', '/v1/assistants/{assistant}'],
  ['DELETE', '/v1/assistants/{assistant}'],
  ['GET', '/v1/threads'],
  ['POST', '/v1/threads'],
  ['POST', '/v1/threads/runs'],
  ['GET', '/v1/threads/{thread}'],
  ['POST', '/v1/threads/{thread}'],
  ['DELETE', '/v1/threads/{thread}'],
  ['GET', '/v1/threads/{thread}/messages'],
  ['POST', '/v1/threads/{thread}/messages'],
  ['GET', '/v1/threads/{thread}/messages/{message}'],
  ['POST', '/v1/threads/{thread}/messages/{message}'],
  ['DELETE', '/v1/threads/{thread}/messages/{message}'],
  ['GET', '/v1/threads/{thread}/runs'],
  ['POST', '/v1/threads/{thread}/runs'],
  ['GET', '/v1/threads/{thread}/runs/{run}'],
  ['POST', '/v1/threads/{thread}/runs/{run}'],
  ['POST', '/v1/threads/{thread}/runs/{run}/cancel'],
  ['GET', '/v1/threads/{thread}/runs/{run}/stream'],
  ['POST', '/v1/threads/{thread}/runs/{run}/submit_tool_outputs'],
  ['GET', '/v1/threads/{thread}/runs/{run}/steps'],
  ['GET', '/v1/threads/{thread}/runs/{run}/steps/{step}'],
  ['GET', '/healthz'],
  ['GET', '/openapi.json'],
  ['GET', '/docs'],
];

const adminKey = 'fuzz-admin-key-0123456789';

/** Routes that end the token they are called with: rotating it, or erasing its user. */
const endsItsToken = (template: string) => template === '/auth/rotate' || template === '/auth/account';

const fieldNames = [
  'model',
  'name',
  'instructions',
  'metadata',
  'messages',
  'role',
  'content',
  'assistant_id',
  'thread',
  'stream',
  'temperature',
  'top_p',
  'tools',
  'response_format',
  'additional_messages',
  'truncation_strategy',
  'max_prompt_tokens',
  'max_completion_tokens',
  'invite_code',
  'link_code',
  'uses',
  'expires_in',
  'rate_limit_rpm',
  'tokens_per_day',
  'max_concurrent_runs',
  '__proto__',
  'constructor',
  'attachments',
];

const controlText = fc.string({
  unit: fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)),
});
const oddString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  controlText,
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\ud800',
    '../../etc/passwd',
    '%2e%2e',
    'null',
    '[object Object]',
    '💥'.repeat(10),
  ),
  fc.nat({ max: 300_000 }).map((length) => 'x'.repeat(length)),
);
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  oddString,
  fc.double(),
  fc.integer(),
  fc.constantFrom(null, true, false, [], {}, -1, 0, 1e308, Number.MAX_SAFE_INTEGER + 2),
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(oddString, oddString, { maxKeys: 20 }),
  fc.array(fc.record({ role: oddString, content: fc.oneof(oddString, fc.jsonValue({ maxDepth: 2 })) }), {
    maxLength: 40,
  }),
  fc.nat({ max: 3000 }).map((depth) => JSON.parse(`${'['.repeat(depth)}1${']'.repeat(depth)}`)),
  fc.nat({ max: 3000 }).map((depth) => JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`)),
);

const body: fc.Arbitrary<{ bytes: Uint8Array | string | undefined; contentType: string | undefined }> =
  fc.oneof(
    fc
      .dictionary(fc.oneof(fc.constantFrom(...fieldNames), oddString), oddValue, { maxKeys: 6 })
      .map((value) => ({ bytes: JSON.stringify(value), contentType: 'application/json' })),
    fc.jsonValue().map((value) => ({ bytes: JSON.stringify(value), contentType: 'application/json' })),
    oddString.map((text) => ({ bytes: text, contentType: 'application/json' })),
    fc.uint8Array({ maxLength: 200 }).map((bytes) => ({
      bytes: Uint8Array.from([0x7b, 0x22, 0xff, 0xfe, ...bytes]),
      contentType: 'application/json; charset=utf-8',
    })),
    fc.record({
      bytes: oddString,
      contentType: fc.constantFrom(
        undefined,
        'text/plain',
        'multipart/form-data; boundary=x',
        'application/x-www-form-urlencoded',
        'application/json;;',
      ),
    }),
    fc.constant({ bytes: undefined, contentType: undefined }),
  );

const query = fc
  .array(
    fc.tuple(
      fc.constantFrom(
        'limit',
        'order',
        'after',
        'before',
        'run_id',
        'metadata[day]',
        'metadata[',
        'after[]',
        'limit[0]',
      ),
      fc.oneof(
        oddString,
        fc.integer().map(String),
        fc.constantFrom('-1', '0', '101', '1e3', 'NaN', 'asc', 'desc'),
      ),
    ),
    { maxLength: 4 },
  )
  .map((pairs) =>
    pairs.length
      ? `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v.toWellFormed())}`).join('&')}`
      : '',
  );

test('10,000 malformed requests across every endpoint: no 5xx, every error OpenAI-shaped, nothing stored by a rejected one', {
  timeout: 600_000,
}, async () => {
  const gateway = await startGateway({
    access: {
      adminKey,
      limits: { requestsPerMinute: 1e9, signupsPerHour: 1e9, runsPerUser: 1e9, tokensPerDay: 1e12 },
    },
  });
  try {
    const own = await gateway.userWithThread();
    // A share of the requests go over a real socket, through the HTTP server's own request reading.
    const url = await gateway.listen();
    const run = await gateway.call<{ id: string }>(`/v1/threads/${own.threadId}/runs`, {
      token: own.token,
      json: { assistant_id: own.assistantId },
    });
    await gateway.engine.idle();
    const [message] = (
      await gateway.call<{ data: Array<{ id: string }> }>(`/v1/threads/${own.threadId}/messages`, {
        token: own.token,
      })
    ).data;
    const [step] = (
      await gateway.call<{ data: Array<{ id: string }> }>(
        `/v1/threads/${own.threadId}/runs/${run.id}/steps`,
        { token: own.token },
      )
    ).data;
    const realIds: Record<string, string> = {
      thread: own.threadId,
      assistant: own.assistantId,
      run: run.id,
      message: message?.id ?? '',
      step: step?.id ?? '',
      user: 'user_nobody',
      device: 'device_nobody',
      invite: 'invite_nobody',
      model: 'test-model',
    };
    const idFor = (kind: string) =>
      fc.oneof(
        fc.constant(realIds[kind] as string),
        oddString.map((text) => encodeURIComponent(text.toWellFormed())),
        fc.constantFrom(
          '..',
          '%2e%2e',
          '.%2fx',
          '%00',
          '%ff',
          'thread_%2F..%2F',
          'a/b',
          `${realIds[kind]}%00`,
          '%252e',
        ),
      );
    const request = fc
      .record({
        route: fc.constantFrom(...routes),
        idSeed: fc.nat(),
        ids: fc.record(
          Object.fromEntries(Object.keys(realIds).map((kind) => [kind, idFor(kind)])) as Record<
            string,
            fc.Arbitrary<string>
          >,
        ),
        query,
        body,
        // Mostly the route's real credential, so most requests get past sign-in to the validation behind it.
        auth: fc.oneof(
          { arbitrary: fc.constant('the route’s own'), weight: 8 },
          fc.constant(undefined),
          fc.constantFrom('Bearer', 'Basic abc', `Bearer ${own.token}x`, 'Bearer fuzz-admin-key-0123456789x'),
          oddString.map((text) => `Bearer ${text.replace(/[^\x21-\x7e]/g, '')}`.trim()),
        ),
        idempotencyKey: fc.option(
          fc.string({ maxLength: 300 }).map((text) => text.replace(/[^\x20-\x7e]/g, '')),
          { nil: undefined },
        ),
        lastEventId: fc.option(fc.constantFrom('abc', '-1', '99999999999999999999', '1'), { nil: undefined }),
        overHttp: fc.nat({ max: 4 }).map((draw) => draw === 0),
      })
      .map(
        ({
          route: [method, template],
          ids,
          query: search,
          body: payload,
          auth,
          idempotencyKey,
          lastEventId,
          overHttp,
        }) => ({
          method,
          path: template.replace(/\{(\w+)\}/g, (_, kind: string) => ids[kind] as string) + search,
          payload,
          overHttp,
          /** The route's own credential, settled when the request is sent (see below), or this one. */
          ownCredential: auth === 'the route’s own' ? template : undefined,
          headers: {
            ...(auth !== undefined && auth !== 'the route’s own' && { authorization: auth }),
            ...(payload.contentType !== undefined && { 'content-type': payload.contentType }),
            ...(idempotencyKey !== undefined && { 'idempotency-key': idempotencyKey }),
            ...(lastEventId !== undefined && { 'last-event-id': lastEventId }),
          },
        }),
      );

    let state = await databaseState(gateway);
    let sent = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async ({ method, path, payload, headers, overHttp, ownCredential }) => {
        const withBody = method !== 'GET' && method !== 'HEAD';
        // The credential that gets the route past sign-in: the admin key for /admin; for a route that
        // ends its token, a new user each time (registering it is not the request's doing), so that
        // every such request reaches the route and the others' user lives on.
        let credential: string | undefined;
        if (ownCredential?.startsWith('/admin/')) credential = adminKey;
        else if (ownCredential && endsItsToken(ownCredential)) {
          credential = await gateway.newUser();
          state = await databaseState(gateway);
        } else if (ownCredential) credential = own.token;
        const init = {
          method,
          headers: { ...headers, ...(credential && { authorization: `Bearer ${credential}` }) },
          ...(withBody && payload.bytes !== undefined && { body: payload.bytes }),
        };
        const response = overHttp
          ? await fetch(`${url}${path}`, init)
          : await gateway.app.request(path, init);
        const text = await response.text();
        sent++;
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const where = `${method} ${path.slice(0, 200)} → ${response.status} ${text.slice(0, 300)}`;
        assert.ok(response.status < 500, where);
        if (response.status >= 400) {
          assert.ok(isErrorBody(JSON.parse(text)), `an OpenAI-shaped error: ${where}`);
          if (withBody)
            assert.equal(await databaseState(gateway), state, `a rejected request changed nothing: ${where}`);
        } else if (withBody) {
          // Accepted writes (a valid body the generator happened on) are the new baseline.
          await gateway.engine.idle();
          state = await databaseState(gateway);
        }
      }),
      { numRuns: 10_000, seed: Number(process.env.FUZZ_SEED ?? 20261127) },
    );
    assert.ok(sent >= 10_000);
    const rejected = [...statuses]
      .filter(([status]) => status >= 400)
      .reduce((sum, [, count]) => sum + count, 0);
    assert.ok(
      rejected > 7_500,
      `most requests were malformed and rejected: ${JSON.stringify([...statuses])}`,
    );
  } finally {
    await gateway.close();
  }
});
