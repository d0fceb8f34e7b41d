import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startGateway, type TestGateway } from './support/gateway.ts';
import { schemaErrors } from './support/openai-schemas.ts';

interface ThreadPage {
  data: Array<{ id: string; metadata: Record<string, string> }>;
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

let gateway: TestGateway;
before(async () => {
  gateway = await startGateway();
});
after(() => gateway.close());

test('GET /v1/threads lists only the caller’s threads, newest first, with cursors and a day filter', async () => {
  const token = await gateway.newUser();
  const other = await gateway.newUser();
  const days = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-25'];
  const ids: string[] = [];
  for (const day of days) {
    ids.push((await gateway.call<{ id: string }>('/v1/threads', { token, json: { metadata: { day } } })).id);
  }
  await gateway.call('/v1/threads', { token: other, json: { metadata: { day: '2026-11-25' } } });

  const all = await gateway.call<ThreadPage>('/v1/threads', { token });
  assert.deepEqual(
    all.data.map((t) => t.id),
    [...ids].reverse(),
  );
  for (const thread of all.data) assert.deepEqual(schemaErrors('ThreadObject', thread), []);

  const first = await gateway.call<ThreadPage>('/v1/threads?limit=3', { token });
  assert.equal(first.has_more, true);
  const rest = await gateway.call<ThreadPage>(`/v1/threads?limit=3&after=${first.last_id}`, { token });
  assert.deepEqual(
    rest.data.map((t) => t.id),
    [ids[0]],
  );
  assert.equal(rest.has_more, false);

  const today = await gateway.call<ThreadPage>('/v1/threads?metadata[day]=2026-11-25', { token });
  assert.deepEqual(
    today.data.map((t) => t.id),
    [ids[3], ids[2]],
  );
  const none = await gateway.call<ThreadPage>('/v1/threads?metadata[day]=2026-01-01', { token });
  assert.deepEqual(none.data, []);
  assert.equal(none.first_id, null);
});

test('a malformed metadata filter is a 400 naming it', async () => {
  const token = await gateway.newUser();
  const response = await gateway.request('/v1/threads?metadata[da%22y]=x', { token });
  assert.equal(response.status, 400);
  const body = (await response.json()) as { error: { param: string } };
  assert.equal(body.error.param, 'metadata[da"y]');
});
