import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { diaryEntrySchema, parseDiaryEntry } from '@haru/client/diary-entry';
import { seedSharedAssistants } from '../src/seed/shared-assistants.ts';
import { startGateway, type TestGateway } from './support/gateway.ts';
import { readEvents } from './support/sse.ts';

interface AssistantBody {
  id: string;
  model: string;
  metadata: Record<string, string>;
}

const webDir = mkdtempSync(join(tmpdir(), 'haru-web-'));
let gateway: TestGateway;

before(async () => {
  mkdirSync(join(webDir, '_expo'));
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Haru</title><div id="root"></div>');
  writeFileSync(join(webDir, '_expo', 'app.js'), 'console.log("haru")');
  gateway = await startGateway({ seed: true, webAppDir: webDir });
});
after(async () => {
  await gateway.close();
  rmSync(webDir, { recursive: true, force: true });
});

test('every user sees the shared companion and diarist, with the configured default model', async () => {
  for (const token of [await gateway.newUser(), await gateway.newUser()]) {
    const list = await gateway.call<{ data: AssistantBody[] }>('/v1/assistants', { token });
    const roles = Object.fromEntries(list.data.map((a) => [a.metadata.haru_role, a]));
    assert.equal(roles.companion?.id, 'asst_haru_companion');
    assert.equal(roles.diarist?.id, 'asst_haru_diarist');
    assert.equal(roles.companion?.model, 'test-default-model');
    const companion = await gateway.call<{ instructions: string }>('/v1/assistants/asst_haru_companion', {
      token,
    });
    assert.match(companion.instructions, /reflecting the feeling you heard/);
    assert.match(companion.instructions, /Exactly one light, specific follow-up question/);
    assert.match(companion.instructions, /language the person writes in/);
    assert.match(companion.instructions, /질문/);
    const diarist = await gateway.call<{ response_format: unknown }>('/v1/assistants/asst_haru_diarist', {
      token,
    });
    assert.deepEqual(diarist.response_format, {
      type: 'json_schema',
      json_schema: { name: 'diary_entry', strict: true, schema: diaryEntrySchema },
    });
  }
});

test('a shared assistant runs for anyone but nobody can change or delete it', async () => {
  const token = await gateway.newUser();
  const modify = await gateway.request('/v1/assistants/asst_haru_companion', {
    token,
    json: { name: 'Mine now' },
  });
  assert.equal(modify.status, 400);
  assert.match(((await modify.json()) as { error: { message: string } }).error.message, /shared/);
  const remove = await gateway.request('/v1/assistants/asst_haru_diarist', { token, method: 'DELETE' });
  assert.equal(remove.status, 400);

  const thread = await gateway.call<{ id: string }>('/v1/threads', {
    token,
    json: { messages: [{ role: 'user', content: '오늘 친구랑 산책했어' }] },
  });
  const events = await readEvents(
    await gateway.request(`/v1/threads/${thread.id}/runs`, {
      token,
      json: { assistant_id: 'asst_haru_companion', stream: true },
    }),
  );
  assert.equal(events.at(-2)?.event, 'thread.run.completed');
  const reply = JSON.parse(events.find((e) => e.event === 'thread.message.completed')?.data ?? '{}') as {
    content: Array<{ text: { value: string } }>;
  };
  assert.match(
    reply.content[0]?.text.value ?? '',
    /\?$/,
    'the companion answers with a question, not a diary entry',
  );
});

test('the offline diarist answers the diary_entry JSON: its own first-person words and the mood of the day', async () => {
  const token = await gateway.newUser();
  const transcript =
    'Day: 2026-11-25\nMe: I was so tired after work.\nHaru: That sounds draining. What helped?\nMe: A long walk by the river.';
  const thread = await gateway.call<{ id: string }>('/v1/threads', {
    token,
    json: { messages: [{ role: 'user', content: transcript }] },
  });
  const events = await readEvents(
    await gateway.request(`/v1/threads/${thread.id}/runs`, {
      token,
      json: { assistant_id: 'asst_haru_diarist', stream: true },
    }),
  );
  const entry = JSON.parse(events.find((e) => e.event === 'thread.message.completed')?.data ?? '{}') as {
    content: Array<{ text: { value: string } }>;
  };
  const diary = parseDiaryEntry(entry.content[0]?.text.value ?? '');
  assert.equal(diary?.mood, 'tired');
  assert.match(diary?.entry ?? '', /^[^\n]*\bI was worn out\b/);
  assert.doesNotMatch(diary?.entry ?? '', /I was so tired after work|A long walk by the river/, 'not pasted');
  assert.doesNotMatch(diary?.entry ?? '', /That sounds draining/, "Haru's lines are not the person's diary");
  assert.match(diary?.summary ?? '', /^A tiring day/);
});

test('seeding again is harmless and moves the shared assistants to a new default model', async () => {
  await seedSharedAssistants(gateway.db, 'llama3.2');
  const token = await gateway.newUser();
  const list = await gateway.call<{ data: AssistantBody[] }>('/v1/assistants', { token });
  assert.equal(list.data.length, 2);
  assert.ok(list.data.every((a) => a.model === 'llama3.2'));
  await seedSharedAssistants(gateway.db, 'test-default-model');
});

test('the app’s web build is served on the same origin, with its pages falling back to index.html', async () => {
  const home = await gateway.request('/');
  assert.match(await home.text(), /<title>Haru<\/title>/);
  const deepLink = await gateway.request('/journal/2026-11-24');
  assert.equal(deepLink.status, 200);
  assert.match(await deepLink.text(), /<div id="root">/);
  assert.equal(await (await gateway.request('/_expo/app.js')).text(), 'console.log("haru")');
  const api = await gateway.request('/v1/nothing-here', { token: await gateway.newUser() });
  assert.equal(api.status, 404);
  assert.match(api.headers.get('content-type') ?? '', /json/);
  assert.equal((await gateway.request('/healthz')).status, 200);
});
