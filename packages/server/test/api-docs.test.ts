import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startGateway, type TestGateway } from './support/gateway.ts';

let gateway: TestGateway;
before(async () => {
  gateway = await startGateway();
});
after(() => gateway.close());

test('GET /openapi.json documents every Assistants route from the validating schemas', async () => {
  const doc = (await (await gateway.request('/openapi.json')).json()) as {
    openapi: string;
    paths: Record<string, Record<string, { requestBody?: unknown }>>;
    components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
  };
  assert.equal(doc.openapi, '3.1.0');
  const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
  );
  for (const route of [
    'POST /auth/device',
    'GET /healthz',
    'POST /v1/assistants',
    'GET /v1/assistants',
    'DELETE /v1/assistants/{assistant_id}',
    'POST /v1/threads',
    'POST /v1/threads/runs',
    'GET /v1/threads/{thread_id}/messages',
    'POST /v1/threads/{thread_id}/runs',
    'POST /v1/threads/{thread_id}/runs/{run_id}/cancel',
    'GET /v1/threads/{thread_id}/runs/{run_id}/steps/{step_id}',
    'DELETE /auth/account',
    'GET /admin/invites',
    'DELETE /admin/invites/{invite_id}',
    'DELETE /admin/users/{user_id}',
  ]) {
    assert.ok(routes.includes(route), `${route} is documented`);
  }
  assert.ok(doc.components.schemas.CreateRunRequest);
  assert.ok(doc.components.schemas.UserDeleted);
  assert.ok(doc.components.schemas.AdminInvite);
  assert.ok(doc.components.securitySchemes.bearerAuth);
});

test('GET /docs is a readable reference page that loads and runs nothing else', async () => {
  const response = await gateway.request('/docs');
  assert.match(response.headers.get('content-type') ?? '', /text\/html/);
  const policy = response.headers.get('content-security-policy') ?? '';
  assert.match(policy, /default-src 'none'/);
  assert.match(policy, /frame-ancestors 'none'/);
  const html = await response.text();
  assert.doesNotMatch(html, /<script/i);
  assert.match(html, /<h2 id="Runs">Runs<\/h2>/);
  assert.match(html, /Create a thread and run it/);
  assert.match(html, /assistant_id/);
});

test('GET /healthz answers ok without a token', async () => {
  const response = await gateway.request('/healthz');
  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), { status: 'ok' });
});
