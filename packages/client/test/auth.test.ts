import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createApp } from '../../server/src/app.ts';
import { createLogger } from '../../server/src/logger.ts';
import { offlineCompanionProvider } from '../../server/src/providers/offline-companion.ts';
import { openDatabase } from '../../server/src/storage/database.ts';
import { createHaruClient, HaruApiError } from '../src/index.ts';

const db = await openDatabase('sqlite::memory:');
const { app, engine } = createApp({
  db,
  provider: offlineCompanionProvider(),
  logger: createLogger('silent'),
});
// The gateway in memory: the client's URLs are strings, as it builds them.
const gatewayFetch: typeof globalThis.fetch = async (input, init) => app.request(String(input), init);
const gateway = { baseURL: 'http://haru.test', fetch: gatewayFetch };

after(async () => {
  await engine.idle();
  await db.destroy();
});

test('deleteAccount erases the user on the gateway: every device of theirs is signed out', async () => {
  const { token } = await createHaruClient(gateway).auth.registerDevice({ name: 'Phone' });
  const phone = createHaruClient({ ...gateway, token });
  await phone.threads.create({ messages: [{ role: 'user', content: 'A day to forget.' }] });
  const { code } = await phone.auth.createLinkCode();
  const laptop = createHaruClient({
    ...gateway,
    token: (await createHaruClient(gateway).auth.linkDevice(code)).token,
  });
  assert.equal((await laptop.auth.listDevices()).data.length, 2);

  assert.equal(await phone.auth.deleteAccount(), undefined);

  for (const client of [phone, laptop]) {
    await assert.rejects(client.auth.listDevices(), (error: unknown) => {
      assert.ok(error instanceof HaruApiError);
      assert.equal(error.status, 401);
      return true;
    });
  }
});

test('deleteAccount without a signed-in device is refused with the API error', async () => {
  await assert.rejects(createHaruClient({ ...gateway, token: 'haru_not-a-token' }).auth.deleteAccount(), {
    status: 401,
  });
});
