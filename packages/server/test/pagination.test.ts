import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startGateway, type TestGateway, userWithThread } from './support/gateway.ts';
import { schemaErrors, skipWithoutSchemas } from './support/openai-schemas.ts';

interface Page {
  object: string;
  data: Array<{ id: string } & Record<string, unknown>>;
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

let gateway: TestGateway;

before(async () => {
  gateway = await startGateway();
});

after(() => gateway.close());

const list = (token: string, path: string, query: Record<string, string | number> = {}) => {
  const search = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]));
  return gateway.call<Page>(search.size ? `${path}?${search}` : path, { token });
};

const ids = (page: Page) => page.data.map((item) => item.id);

/** The page's ids and cursors in one comparable value, so a failure shows everything at once. */
const shape = (page: Page) => ({
  ids: ids(page),
  first_id: page.first_id,
  last_id: page.last_id,
  has_more: page.has_more,
});

const expectedShape = (expectedIds: string[], has_more: boolean) => ({
  ids: expectedIds,
  first_id: expectedIds[0] ?? null,
  last_id: expectedIds.at(-1) ?? null,
  has_more,
});

function assertSchemas(listSchema: string, itemSchema: string, page: Page) {
  if (skipWithoutSchemas) return;
  assert.ok(page.data.length > 0, 'schema checks need a non-empty page');
  assert.deepEqual(schemaErrors(listSchema, page), [], listSchema);
  for (const item of page.data)
    assert.deepEqual(schemaErrors(itemSchema, item), [], `${itemSchema} ${item.id}`);
}

/** Follows `after` cursors from the first page to the last, returning every page. */
async function walkForward(token: string, path: string, query: Record<string, string | number>) {
  const pages = [await list(token, path, query)];
  while (pages.at(-1)?.has_more) {
    pages.push(await list(token, path, { ...query, after: pages.at(-1)?.last_id ?? '' }));
    assert.ok(pages.length < 20, 'paging must end');
  }
  return pages;
}

async function errorFor(token: string, path: string) {
  const response = await gateway.request(path, { token });
  return { status: response.status, body: (await response.json()) as { error: Record<string, unknown> } };
}

describe('messages', () => {
  let token: string;
  let threadId: string;
  let path: string;
  let created: string[];
  const newestFirst = () => created.toReversed();

  before(async () => {
    token = await gateway.newUser();
    threadId = (await gateway.call<{ id: string }>('/v1/threads', { token, json: {} })).id;
    path = `/v1/threads/${threadId}/messages`;
    created = [];
    for (let n = 1; n <= 7; n++) {
      const message = await gateway.call<{ id: string }>(path, {
        token,
        json: { role: 'user', content: `message ${n}` },
      });
      created.push(message.id);
    }
  });

  test('the default listing is every message newest first, in one page', async () => {
    const page = await list(token, path);
    assert.equal(page.object, 'list');
    assert.deepEqual(shape(page), expectedShape(newestFirst(), false));
    assert.deepEqual(
      page.data.map((message) => (message.content as [{ text: { value: string } }])[0].text.value),
      ['message 7', 'message 6', 'message 5', 'message 4', 'message 3', 'message 2', 'message 1'],
    );
    assertSchemas('ListMessagesResponse', 'MessageObject', page);
  });

  test('limit and after page through newest first with exact cursors and no gaps', async () => {
    const pages = await walkForward(token, path, { limit: 3 });
    const all = newestFirst();
    assert.deepEqual(pages.map(shape), [
      expectedShape(all.slice(0, 3), true),
      expectedShape(all.slice(3, 6), true),
      expectedShape(all.slice(6), false),
    ]);
    assert.deepEqual(pages.flatMap(ids), all);
  });

  test('limit and after page through oldest first with order=asc', async () => {
    const pages = await walkForward(token, path, { limit: 3, order: 'asc' });
    assert.deepEqual(pages.map(shape), [
      expectedShape(created.slice(0, 3), true),
      expectedShape(created.slice(3, 6), true),
      expectedShape(created.slice(6), false),
    ]);
    for (const page of pages) assertSchemas('ListMessagesResponse', 'MessageObject', page);
  });

  test('a page that ends exactly at the last message has no more', async () => {
    assert.deepEqual(shape(await list(token, path, { limit: 7 })), expectedShape(newestFirst(), false));
    assert.deepEqual(
      shape(await list(token, path, { limit: 6 })),
      expectedShape(newestFirst().slice(0, 6), true),
    );
    const afterFourth = await list(token, path, { limit: 3, after: newestFirst()[3] ?? '' });
    assert.deepEqual(shape(afterFourth), expectedShape(newestFirst().slice(4), false));
  });

  test('after the last message the page is empty with null cursors', async () => {
    const page = await list(token, path, { after: created[0] ?? '' });
    assert.deepEqual(shape(page), expectedShape([], false));
    assert.equal(page.object, 'list');
  });

  test('before pages backwards to the newest messages, keeping the listing order', async () => {
    const all = newestFirst();
    const nearest = await list(token, path, { limit: 2, before: all[3] ?? '' });
    assert.deepEqual(shape(nearest), expectedShape(all.slice(1, 3), true));
    const rest = await list(token, path, { limit: 2, before: nearest.first_id ?? '' });
    assert.deepEqual(shape(rest), expectedShape(all.slice(0, 1), false));
  });

  test('before pages backwards from the end of an ascending listing and joins up', async () => {
    const pages: Page[] = [];
    let cursor = created.at(-1) ?? '';
    do {
      const page = await list(token, path, { limit: 2, order: 'asc', before: cursor });
      pages.unshift(page);
      cursor = page.first_id ?? '';
    } while (pages[0]?.has_more && pages.length < 10);
    assert.deepEqual(pages.map(shape), [
      expectedShape(created.slice(0, 2), false),
      expectedShape(created.slice(2, 4), true),
      expectedShape(created.slice(4, 6), true),
    ]);
    assert.deepEqual(pages.flatMap(ids), created.slice(0, 6));
  });

  test('after and before together give the messages strictly between them', async () => {
    const page = await list(token, path, { order: 'asc', after: created[1] ?? '', before: created[5] ?? '' });
    assert.deepEqual(shape(page), expectedShape(created.slice(2, 5), false));
  });

  test('limit must be between 1 and 100', async () => {
    for (const limit of ['0', '101', '-1', 'many']) {
      const { status, body } = await errorFor(token, `${path}?limit=${limit}`);
      assert.equal(status, 400, `limit=${limit}`);
      assert.equal(body.error.param, 'limit', `limit=${limit}`);
      assert.equal(body.error.type, 'invalid_request_error');
      assert.match(String(body.error.message), /limit/);
    }
    assert.equal((await list(token, path, { limit: 1 })).data.length, 1);
    assert.equal((await list(token, path, { limit: 100 })).data.length, 7);
  });

  test('order must be asc or desc', async () => {
    const { status, body } = await errorFor(token, `${path}?order=newest`);
    assert.equal(status, 400);
    assert.equal(body.error.param, 'order');
  });

  test('a cursor that is not in this list answers 400 naming the cursor', async () => {
    for (const param of ['after', 'before']) {
      const { status, body } = await errorFor(token, `${path}?${param}=msg_unknown`);
      assert.equal(status, 400, param);
      assert.equal(body.error.param, param);
      assert.match(String(body.error.message), /msg_unknown/);
    }
    const otherThread = await gateway.call<{ id: string }>('/v1/threads', {
      token,
      json: { messages: [{ role: 'user', content: 'elsewhere' }] },
    });
    const elsewhere = await list(token, `/v1/threads/${otherThread.id}/messages`);
    const { status } = await errorFor(token, `${path}?after=${elsewhere.first_id}`);
    assert.equal(status, 400, "another thread's message is not a cursor here");
  });
});

test('limit defaults to 20', async () => {
  const token = await gateway.newUser();
  const messages = Array.from({ length: 21 }, (_, n) => ({ role: 'user', content: `note ${n + 1}` }));
  const thread = await gateway.call<{ id: string }>('/v1/threads', { token, json: { messages } });
  const path = `/v1/threads/${thread.id}/messages`;
  const first = await list(token, path);
  assert.equal(first.data.length, 20);
  assert.equal(first.has_more, true);
  const second = await list(token, path, { after: first.last_id ?? '' });
  assert.equal(second.data.length, 1);
  assert.equal(second.has_more, false);
  assert.deepEqual(
    (second.data[0]?.content as Array<{ text: { value: string } }> | undefined)?.[0]?.text.value,
    'note 1',
    'the oldest message is last',
  );
});

describe('a finished run', () => {
  let token: string;
  let threadId: string;
  let runs: Array<{ id: string }>;

  before(async () => {
    const user = await userWithThread(gateway);
    ({ token, threadId } = user);
    runs = [];
    for (const text of ['I cooked dinner.', 'Then I read a book.']) {
      const run = await gateway.call<{ id: string }>(`/v1/threads/${threadId}/runs`, {
        token,
        json: { assistant_id: user.assistantId, additional_messages: [{ role: 'user', content: text }] },
      });
      runs.push(run);
      await gateway.engine.idle();
    }
  });

  test('run_id lists only the assistant reply that run wrote', async () => {
    const all = await list(token, `/v1/threads/${threadId}/messages`);
    assert.equal(all.data.length, 5, 'the first message, two user messages and two replies');

    for (const run of runs) {
      const page = await list(token, `/v1/threads/${threadId}/messages`, { run_id: run.id });
      assert.equal(page.data.length, 1);
      const [reply] = page.data;
      assert.equal(reply?.role, 'assistant');
      assert.equal(reply?.run_id, run.id);
      assert.deepEqual(shape(page), expectedShape([reply?.id ?? ''], false));
      assertSchemas('ListMessagesResponse', 'MessageObject', page);
    }
  });

  test('runs list and page newest first', async () => {
    const runIds = runs.map((run) => run.id);
    const path = `/v1/threads/${threadId}/runs`;
    const all = await list(token, path);
    assert.deepEqual(shape(all), expectedShape(runIds.toReversed(), false));
    assert.deepEqual(
      all.data.map((run) => run.status),
      ['completed', 'completed'],
    );
    assertSchemas('ListRunsResponse', 'RunObject', all);

    const pages = await walkForward(token, path, { limit: 1, order: 'asc' });
    assert.deepEqual(pages.map(shape), [
      expectedShape(runIds.slice(0, 1), true),
      expectedShape(runIds.slice(1), false),
    ]);
  });

  test('run steps list one message_creation step pointing at the reply', async () => {
    for (const run of runs) {
      const reply = await list(token, `/v1/threads/${threadId}/messages`, { run_id: run.id });
      const steps = await list(token, `/v1/threads/${threadId}/runs/${run.id}/steps`);
      assert.equal(steps.data.length, 1);
      const [step] = steps.data;
      assert.deepEqual(shape(steps), expectedShape([step?.id ?? ''], false));
      assert.equal(step?.type, 'message_creation');
      assert.equal(step?.run_id, run.id);
      assert.equal(step?.status, 'completed');
      assert.deepEqual(step?.step_details, {
        type: 'message_creation',
        message_creation: { message_id: reply.first_id },
      });
      assertSchemas('ListRunStepsResponse', 'RunStepObject', steps);
    }
  });
});

test('assistants list and page by creation order', async () => {
  const token = await gateway.newUser();
  const created: string[] = [];
  for (const name of ['first', 'second', 'third']) {
    created.push(
      (await gateway.call<{ id: string }>('/v1/assistants', { token, json: { model: 'm', name } })).id,
    );
  }
  const newestFirst = created.toReversed();

  const all = await list(token, '/v1/assistants');
  assert.deepEqual(shape(all), expectedShape(newestFirst, false));
  assertSchemas('ListAssistantsResponse', 'AssistantObject', all);

  const desc = await walkForward(token, '/v1/assistants', { limit: 2 });
  assert.deepEqual(desc.map(shape), [
    expectedShape(newestFirst.slice(0, 2), true),
    expectedShape(newestFirst.slice(2), false),
  ]);
  const asc = await walkForward(token, '/v1/assistants', { limit: 2, order: 'asc' });
  assert.deepEqual(asc.map(shape), [
    expectedShape(created.slice(0, 2), true),
    expectedShape(created.slice(2), false),
  ]);
  const backwards = await list(token, '/v1/assistants', { limit: 1, before: created[0] ?? '' });
  assert.deepEqual(shape(backwards), expectedShape(created.slice(1, 2), true));

  const { status, body } = await errorFor(token, '/v1/assistants?limit=101');
  assert.equal(status, 400);
  assert.equal(body.error.param, 'limit');
});
