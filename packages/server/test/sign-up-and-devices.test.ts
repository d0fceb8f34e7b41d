import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defaultSignupPolicy } from '../src/auth/signup-policy.ts';
import { loadConfig, signupPolicyOf } from '../src/config.ts';
import { seedSharedAssistants } from '../src/seed/shared-assistants.ts';
import type { InviteSummary } from '../src/storage/invite-store.ts';
import { startGateway, type TestGateway } from './support/gateway.ts';

const adminKey = 'test-admin-key-0123456789';
const admin = { authorization: `Bearer ${adminKey}` };

interface Registration {
  token: string;
  user_id: string;
}

async function register(
  gateway: TestGateway,
  body?: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  return gateway.request('/auth/device', { method: 'POST', headers, ...(body && { json: body }) });
}

async function registered(gateway: TestGateway, body?: Record<string, unknown>): Promise<Registration> {
  const response = await register(gateway, body);
  assert.equal(response.status, 201, await response.clone().text());
  return (await response.json()) as Registration;
}

async function invite(gateway: TestGateway, body: Record<string, unknown> = {}) {
  return gateway.call<InviteSummary & { code: string }>('/admin/invites', {
    headers: admin,
    json: body,
  });
}

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string | null; type: string; message: string } }).error;
}

describe('who may sign up', () => {
  test('by default sign-up is open on a loopback address and by invite anywhere else', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.0.0.2']) {
      assert.equal(defaultSignupPolicy(host), 'open', host);
    }
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'haru.example.com']) {
      assert.equal(defaultSignupPolicy(host), 'invite', host);
    }
    assert.equal(signupPolicyOf(loadConfig({})), 'open');
    // Behind a reverse proxy the loopback address serves the whole internet.
    assert.equal(signupPolicyOf(loadConfig({ HARU_TRUST_PROXY: 'true' })), 'invite');
    assert.equal(signupPolicyOf(loadConfig({ HOST: '0.0.0.0' })), 'invite');
    assert.equal(signupPolicyOf(loadConfig({ HOST: '0.0.0.0', HARU_SIGNUP: 'open' })), 'open');
    assert.equal(signupPolicyOf(loadConfig({ HARU_SIGNUP: 'closed' })), 'closed');
    assert.throws(() => loadConfig({ HARU_SIGNUP: 'maybe' }), /HARU_SIGNUP/);
  });

  test('open: any device registers, with or without a body', async () => {
    const gateway = await startGateway({ access: { signup: 'open' } });
    try {
      await registered(gateway);
      await registered(gateway, {});
      await registered(gateway, { name: 'Laptop' });
    } finally {
      await gateway.close();
    }
  });

  test('closed: no new user, with a 403 that says so, and nothing stored', async () => {
    const gateway = await startGateway({ access: { signup: 'closed', adminKey } });
    try {
      const response = await register(gateway);
      assert.equal(response.status, 403);
      assert.equal((await errorOf(response)).code, 'signup_closed');
      const withInvite = await register(gateway, { invite_code: (await invite(gateway)).code });
      assert.equal(withInvite.status, 403, 'invites do not open a closed gateway');
      assert.deepEqual(await gateway.db.selectFrom('devices').selectAll().execute(), []);
    } finally {
      await gateway.close();
    }
  });

  describe('invite', () => {
    test('a device needs a valid invite; each invite works for its number of uses', async () => {
      const gateway = await startGateway({ access: { signup: 'invite', adminKey } });
      try {
        const none = await register(gateway);
        assert.equal(none.status, 403);
        assert.equal((await errorOf(none)).code, 'invite_required');
        const wrong = await register(gateway, { invite_code: 'AAAA-BBBB-CCCC-DDDD' });
        assert.equal(wrong.status, 403);
        assert.equal((await errorOf(wrong)).code, 'invalid_invite_code');

        const once = await invite(gateway);
        assert.match(once.code, /^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
        assert.equal(once.uses, 1);
        // Typed by hand: lower case, without dashes.
        await registered(gateway, { invite_code: once.code.toLowerCase().replaceAll('-', '') });
        const reused = await register(gateway, { invite_code: once.code });
        assert.equal(reused.status, 403, 'an invite is used up');

        const twice = await invite(gateway, { uses: 2 });
        await registered(gateway, { invite_code: twice.code });
        await registered(gateway, { invite_code: twice.code });
        assert.equal((await register(gateway, { invite_code: twice.code })).status, 403);
      } finally {
        await gateway.close();
      }
    });

    test('an expired invite is refused', async () => {
      const gateway = await startGateway({ access: { signup: 'invite', adminKey } });
      try {
        const { code, expires_at } = await invite(gateway, { expires_in: 3600 });
        assert.ok(expires_at > Date.now() / 1000 + 3500);
        await gateway.db
          .updateTable('invites')
          .set({ expires_at: Math.floor(Date.now() / 1000) - 1 })
          .execute();
        const response = await register(gateway, { invite_code: code });
        assert.equal(response.status, 403);
        assert.equal((await errorOf(response)).code, 'invalid_invite_code');
      } finally {
        await gateway.close();
      }
    });

    test('the owner lists invites without their codes, and revokes one: its code is refused like an unknown one', async () => {
      const gateway = await startGateway({ access: { signup: 'invite', adminKey } });
      try {
        const twice = await invite(gateway, { uses: 2 });
        assert.deepEqual(Object.keys(twice).sort(), [
          'code',
          'created_at',
          'expires_at',
          'id',
          'last_used_at',
          'uses',
          'uses_left',
        ]);
        assert.match(twice.id, /^invite_/);
        const usedUp = await invite(gateway);
        const usedUpLongAgo = await invite(gateway);
        const expired = await invite(gateway);
        const revoked = await invite(gateway);
        const registeringFrom = Math.floor(Date.now() / 1000);
        await registered(gateway, { invite_code: twice.code });
        await registered(gateway, { invite_code: usedUp.code });
        await registered(gateway, { invite_code: usedUpLongAgo.code });
        const now = Math.floor(Date.now() / 1000);
        await gateway.db
          .updateTable('invites')
          .set({ last_used_at: now - 8 * 86_400 })
          .where('id', '=', usedUpLongAgo.id)
          .execute();
        await gateway.db
          .updateTable('invites')
          .set({ expires_at: now })
          .where('id', '=', expired.id)
          .execute();

        const deleted = await gateway.call(`/admin/invites/${revoked.id}`, {
          method: 'DELETE',
          headers: admin,
        });
        assert.deepEqual(deleted, { id: revoked.id, object: 'invite.deleted', deleted: true });

        const list = await gateway.call<{ object: string; data: InviteSummary[] }>('/admin/invites', {
          headers: admin,
        });
        assert.equal(list.object, 'list');
        // Invites made within the same millisecond have no order between them: compared by id.
        assert.deepEqual(
          list.data
            .map(({ id, uses, uses_left }) => ({ id, uses, uses_left }))
            .sort((a, b) => a.id.localeCompare(b.id)),
          [
            { id: twice.id, uses: 2, uses_left: 1 },
            { id: usedUp.id, uses: 1, uses_left: 0 },
          ].sort((a, b) => a.id.localeCompare(b.id)),
          'those that still work and those used this week',
        );
        const created = list.data.map((listed) => listed.created_at);
        assert.deepEqual(
          created,
          [...created].sort((a, b) => a - b),
          'oldest first',
        );
        for (const listed of list.data) {
          assert.deepEqual(Object.keys(listed).sort(), [
            'created_at',
            'expires_at',
            'id',
            'last_used_at',
            'uses',
            'uses_left',
          ]);
          const usedAt = listed.last_used_at ?? 0;
          assert.ok(registeringFrom <= usedAt && usedAt <= now, `last used ${usedAt}, within the test`);
        }
        const shown = JSON.stringify(list);
        for (const { code } of [twice, usedUp]) {
          assert.ok(
            !shown.includes(code) && !shown.includes(code.replaceAll('-', '')),
            'no code is shown again',
          );
        }

        const refused = await register(gateway, { invite_code: revoked.code });
        const unknown = await register(gateway, { invite_code: 'AAAA-BBBB-CCCC-DDDD' });
        assert.equal(refused.status, 403);
        assert.deepEqual(await refused.json(), await unknown.json());
        const again = await gateway.request(`/admin/invites/${revoked.id}`, {
          method: 'DELETE',
          headers: admin,
        });
        assert.equal(again.status, 404);
        assert.equal((await errorOf(again)).message, `No invite found with id '${revoked.id}'.`);

        // The next invite made forgets those neither usable nor listed any more; the others stay.
        const next = await invite(gateway);
        const kept = await gateway.db.selectFrom('invites').select('id').execute();
        assert.deepEqual(
          kept.map((row) => row.id).sort(),
          [twice.id, usedUp.id, next.id].sort(),
          'the expired one and the one used up long ago are gone',
        );
      } finally {
        await gateway.close();
      }
    });

    test('invites are stored only as hashes', async () => {
      const gateway = await startGateway({ access: { signup: 'invite', adminKey } });
      try {
        const { code } = await invite(gateway);
        const rows = JSON.stringify(await gateway.db.selectFrom('invites').selectAll().execute());
        assert.ok(!rows.includes(code) && !rows.includes(code.replaceAll('-', '')));
      } finally {
        await gateway.close();
      }
    });
  });

  test('registrations are limited per client address, and do not use up a user’s request rate', async () => {
    const gateway = await startGateway({
      access: { trustProxy: true, limits: { signupsPerHour: 3, requestsPerMinute: 2 } },
    });
    try {
      const from = (address: string) => ({ 'x-forwarded-for': `203.0.113.9, ${address}` });
      for (let i = 0; i < 3; i++)
        assert.equal((await register(gateway, undefined, from('198.51.100.1'))).status, 201);
      const refused = await register(gateway, undefined, from('198.51.100.1'));
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get('retry-after')) > 0);
      assert.equal((await errorOf(refused)).code, 'rate_limit_exceeded');
      const other = await register(gateway, undefined, from('198.51.100.2'));
      assert.equal(other.status, 201, 'another address registers');
      const { token } = (await other.json()) as Registration;
      assert.equal((await gateway.request('/v1/threads', { token })).status, 200);
      assert.equal(
        (await gateway.request('/v1/threads', { token })).status,
        200,
        'its two requests a minute are its own',
      );
    } finally {
      await gateway.close();
    }
  });

  test('without HARU_TRUST_PROXY an X-Forwarded-For header is the client’s word and ignored: a new one each time still counts as one address', async () => {
    const gateway = await startGateway({ access: { limits: { signupsPerHour: 3 } } });
    try {
      const claiming = (address: string) => ({ 'x-forwarded-for': address });
      for (const address of ['198.51.100.1', '198.51.100.2', '198.51.100.3'])
        assert.equal((await register(gateway, undefined, claiming(address))).status, 201);
      const refused = await register(gateway, undefined, claiming('198.51.100.4'));
      assert.equal(refused.status, 429, 'the fourth from the same peer is refused whatever it claims');
    } finally {
      await gateway.close();
    }
  });
});

describe('one person on several devices', () => {
  test('a second device linked with a code sees the first one’s threads, and adds to them', async () => {
    const gateway = await startGateway({ access: { signup: 'closed' } });
    try {
      // The first device of a closed gateway's user comes from the database, as an owner would have it.
      const first = await firstDevice(gateway);
      const thread = await gateway.call<{ id: string }>('/v1/threads', {
        token: first.token,
        json: { metadata: { day: '2026-11-27' } },
      });
      const response = await gateway.request('/auth/link-code', { method: 'POST', token: first.token });
      assert.equal(response.status, 201);
      const link = (await response.json()) as { code: string; expires_at: number };
      assert.match(link.code, /^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      const inTenMinutes = Math.floor(Date.now() / 1000) + 600;
      assert.ok(Math.abs(link.expires_at - inTenMinutes) <= 2, 'the code lasts ten minutes');

      const second = await registered(gateway, { link_code: link.code, name: 'Phone' });
      assert.equal(second.user_id, first.user_id, 'the same user');
      assert.notEqual(second.token, first.token, 'with a token of its own');
      const seen = await gateway.call<{ data: Array<{ id: string }> }>('/v1/threads', {
        token: second.token,
      });
      assert.deepEqual(
        seen.data.map((each) => each.id),
        [thread.id],
      );
      await gateway.call(`/v1/threads/${thread.id}/messages`, {
        token: second.token,
        json: { role: 'user', content: 'Written on the phone.' },
      });
      const messages = await gateway.call<{ data: unknown[] }>(`/v1/threads/${thread.id}/messages`, {
        token: first.token,
      });
      assert.equal(messages.data.length, 1);

      const again = await register(gateway, { link_code: link.code });
      assert.equal(again.status, 403, 'a link code works once');
      assert.equal((await errorOf(again)).code, 'invalid_link_code');
    } finally {
      await gateway.close();
    }
  });

  test('an expired link code is refused', async () => {
    const gateway = await startGateway();
    try {
      const first = await registered(gateway);
      const link = await gateway.call<{ code: string }>('/auth/link-code', {
        method: 'POST',
        token: first.token,
      });
      await gateway.db
        .updateTable('link_codes')
        .set({ expires_at: Math.floor(Date.now() / 1000) })
        .execute();
      assert.equal((await register(gateway, { link_code: link.code })).status, 403);
    } finally {
      await gateway.close();
    }
  });

  test('devices are listed with the current one marked; signing one out stops its token at once', async () => {
    const gateway = await startGateway();
    try {
      const first = await registered(gateway, { name: 'Laptop' });
      const link = await gateway.call<{ code: string }>('/auth/link-code', {
        method: 'POST',
        token: first.token,
      });
      const second = await registered(gateway, { link_code: link.code });

      const list = await gateway.call<{
        object: string;
        data: Array<{
          id: string;
          created_at: number;
          last_used_at: number | null;
          current: boolean;
          name?: string;
        }>;
      }>('/auth/devices', { token: second.token });
      assert.equal(list.object, 'list');
      assert.equal(list.data.length, 2);
      const laptop = list.data.find((device) => device.name === 'Laptop');
      const phone = list.data.find((device) => device.name === undefined);
      assert.ok(laptop && phone);
      assert.deepEqual(Object.keys(laptop).sort(), ['created_at', 'current', 'id', 'last_used_at', 'name']);
      assert.equal(laptop.name, 'Laptop');
      assert.equal(laptop.current, false);
      assert.equal(phone.current, true);
      assert.equal('name' in phone, false);
      assert.equal(typeof phone.last_used_at, 'number');
      // A device's last use moves when its token is used again (written at most once a minute).
      const twoHoursAgo = Math.floor(Date.now() / 1000) - 7200;
      await gateway.db
        .updateTable('devices')
        .set({ last_used_at: twoHoursAgo })
        .where('id', '=', laptop.id)
        .execute();
      const usingAgain = Math.floor(Date.now() / 1000);
      await gateway.call('/v1/threads', { token: first.token });
      const relisted = await gateway.call<{ data: Array<{ id: string; last_used_at: number | null }> }>(
        '/auth/devices',
        { token: second.token },
      );
      const laptopNow = relisted.data.find((device) => device.id === laptop.id)?.last_used_at ?? 0;
      assert.ok(laptopNow >= usingAgain, `the laptop was just used (${laptopNow}, not ${twoHoursAgo})`);

      const deleted = await gateway.call(`/auth/devices/${laptop.id}`, {
        method: 'DELETE',
        token: second.token,
      });
      assert.deepEqual(deleted, { id: laptop.id, object: 'device.deleted', deleted: true });
      const refused = await gateway.request('/v1/threads', { token: first.token });
      assert.equal(refused.status, 401);
      assert.equal((await errorOf(refused)).code, 'invalid_api_key');
      assert.equal((await gateway.request('/v1/threads', { token: second.token })).status, 200);
      const gone = await gateway.request(`/auth/devices/${laptop.id}`, {
        method: 'DELETE',
        token: second.token,
      });
      assert.equal(gone.status, 404);
    } finally {
      await gateway.close();
    }
  });

  test('a link code not yet used stops working once a device is signed out, or every token revoked', async () => {
    const gateway = await startGateway({ access: { adminKey } });
    try {
      const first = await registered(gateway, { name: 'Laptop' });
      const newCode = async (token: string) =>
        (await gateway.call<{ code: string }>('/auth/link-code', { method: 'POST', token })).code;
      const second = await registered(gateway, { link_code: await newCode(first.token) });
      // A code made with a token that is then signed out (a stolen one, say) is no way back in.
      const pending = await newCode(first.token);
      const devices = await gateway.call<{ data: Array<{ id: string; current: boolean }> }>('/auth/devices', {
        token: second.token,
      });
      const laptop = devices.data.find((device) => !device.current);
      await gateway.call(`/auth/devices/${laptop?.id}`, { method: 'DELETE', token: second.token });
      const afterSignOut = await register(gateway, { link_code: pending });
      assert.equal(afterSignOut.status, 403, await afterSignOut.clone().text());

      const another = await newCode(second.token);
      await gateway.call(`/admin/users/${second.user_id}/revoke`, { method: 'POST', headers: admin });
      assert.equal((await register(gateway, { link_code: another })).status, 403);
    } finally {
      await gateway.close();
    }
  });

  test("another user's devices are out of reach: the same 404 as a device that does not exist", async () => {
    const gateway = await startGateway();
    try {
      const alice = await registered(gateway);
      const bob = await registered(gateway);
      const aliceDevices = await gateway.call<{ data: Array<{ id: string }> }>('/auth/devices', {
        token: alice.token,
      });
      const bobDevices = await gateway.call<{ data: Array<{ id: string }> }>('/auth/devices', {
        token: bob.token,
      });
      const aliceDevice = aliceDevices.data[0]?.id as string;
      assert.ok(
        !bobDevices.data.some((device) => device.id === aliceDevice),
        "bob's list holds only his device",
      );
      const theirs = await gateway.request(`/auth/devices/${aliceDevice}`, {
        method: 'DELETE',
        token: bob.token,
      });
      const nobodys = await gateway.request('/auth/devices/device_000000000000000000000000', {
        method: 'DELETE',
        token: bob.token,
      });
      assert.equal(theirs.status, 404);
      assert.equal(nobodys.status, 404);
      const message = (body: unknown, id: string) =>
        (body as { error: { message: string } }).error.message.replace(id, 'ID');
      assert.equal(
        message(await theirs.json(), aliceDevice),
        message(await nobodys.json(), 'device_000000000000000000000000'),
      );
      assert.equal(
        (await gateway.request('/v1/threads', { token: alice.token })).status,
        200,
        'alice is still signed in',
      );
      // A link code made by alice links to alice, whoever sends it.
      const link = await gateway.call<{ code: string }>('/auth/link-code', {
        method: 'POST',
        token: alice.token,
      });
      assert.equal((await registered(gateway, { link_code: link.code })).user_id, alice.user_id);
      for (const [method, path] of [
        ['POST', '/auth/link-code'],
        ['GET', '/auth/devices'],
        ['DELETE', `/auth/devices/${aliceDevice}`],
        ['POST', '/auth/rotate'],
      ] as const) {
        const response = await gateway.request(path, { method });
        assert.equal(response.status, 401, `${method} ${path} without a token`);
      }
    } finally {
      await gateway.close();
    }
  });

  test('a rotated token replaces the old one at once', async () => {
    const gateway = await startGateway();
    try {
      const device = await registered(gateway);
      const rotated = await gateway.call<Registration>('/auth/rotate', {
        method: 'POST',
        token: device.token,
      });
      assert.equal(rotated.user_id, device.user_id);
      assert.notEqual(rotated.token, device.token);
      assert.equal((await gateway.request('/v1/threads', { token: device.token })).status, 401);
      assert.equal((await gateway.request('/v1/threads', { token: rotated.token })).status, 200);
      const list = await gateway.call<{ data: unknown[] }>('/auth/devices', { token: rotated.token });
      assert.equal(list.data.length, 1, 'still one device');
    } finally {
      await gateway.close();
    }
  });

  test('device tokens are stored only as hashes', async () => {
    const gateway = await startGateway();
    try {
      const { token } = await registered(gateway);
      const everything = JSON.stringify([
        await gateway.db.selectFrom('devices').selectAll().execute(),
        await gateway.db.selectFrom('users').selectAll().execute(),
      ]);
      assert.ok(!everything.includes(token));
    } finally {
      await gateway.close();
    }
  });
});

describe('the admin API', () => {
  test('answers only to the admin key: 401 for a wrong key or a user token, 404 when no key is set', async () => {
    const gateway = await startGateway({ access: { adminKey } });
    const off = await startGateway();
    try {
      const { token } = await registered(gateway);
      const paths: Array<[string, string]> = [
        ['POST', '/admin/invites'],
        ['GET', '/admin/invites'],
        ['DELETE', '/admin/invites/invite_x'],
        ['GET', '/admin/users'],
        ['DELETE', '/admin/users/user_x'],
        ['POST', '/admin/users/user_x/revoke'],
        ['POST', '/admin/users/user_x/quotas'],
        ['POST', '/admin/assistants'],
        ['POST', '/admin/assistants/asst_haru_companion'],
        ['DELETE', '/admin/assistants/asst_haru_companion'],
      ];
      for (const [method, path] of paths) {
        for (const headers of [
          {},
          { authorization: `Bearer ${token}` },
          { authorization: `Bearer ${adminKey}x` },
        ]) {
          const response = await gateway.request(path, {
            method,
            headers,
            ...(method !== 'GET' && { json: {} }),
          });
          assert.equal(response.status, 401, `${method} ${path} ${JSON.stringify(headers)}`);
          assert.equal((await errorOf(response)).code, 'invalid_api_key');
        }
        const disabled = await off.request(path, {
          method,
          headers: admin,
          ...(method !== 'GET' && { json: {} }),
        });
        assert.equal(disabled.status, 404, `${method} ${path} without HARU_ADMIN_KEY`);
      }
      assert.deepEqual(await gateway.db.selectFrom('invites').selectAll().execute(), []);
    } finally {
      await gateway.close();
      await off.close();
    }
  });

  test('lists users with devices, last use and usage; revokes every token of one', async () => {
    const gateway = await startGateway({ access: { adminKey } });
    try {
      const alice = await registered(gateway);
      const link = await gateway.call<{ code: string }>('/auth/link-code', {
        method: 'POST',
        token: alice.token,
      });
      const alicePhone = await registered(gateway, { link_code: link.code });
      const bob = await registered(gateway);
      const users = await gateway.call<{
        data: Array<{
          id: string;
          token_count: number;
          last_seen_at: number | null;
          usage: { tokens_today: number };
        }>;
      }>('/admin/users', { headers: admin });
      const devicesOf = Object.fromEntries(users.data.map((user) => [user.id, user.token_count]));
      assert.deepEqual(devicesOf, { [alice.user_id]: 2, [bob.user_id]: 1 });
      assert.ok(
        users.data.every((user) => typeof user.last_seen_at === 'number' && user.usage.tokens_today === 0),
      );

      const revoked = await gateway.call<{ revoked_tokens: number }>(`/admin/users/${alice.user_id}/revoke`, {
        method: 'POST',
        headers: admin,
      });
      assert.equal(revoked.revoked_tokens, 2);
      assert.equal((await gateway.request('/v1/threads', { token: alice.token })).status, 401);
      assert.equal((await gateway.request('/v1/threads', { token: alicePhone.token })).status, 401);
      assert.equal((await gateway.request('/v1/threads', { token: bob.token })).status, 200);
      const unknown = await gateway.request('/admin/users/user_nobody/revoke', {
        method: 'POST',
        headers: admin,
      });
      assert.equal(unknown.status, 404);
    } finally {
      await gateway.close();
    }
  });

  test('shared assistants: the owner creates and changes them; users see them marked and cannot change them', async () => {
    const gateway = await startGateway({ access: { adminKey }, seed: true });
    try {
      const shared = await gateway.call<{ id: string; metadata: Record<string, string> }>(
        '/admin/assistants',
        {
          headers: admin,
          json: { model: 'test-model', name: 'Gratitude', metadata: { haru_role: 'gratitude' } },
        },
      );
      assert.deepEqual(shared.metadata, { haru_role: 'gratitude', haru_shared: 'true' });
      const renamed = await gateway.call<{ name: string; metadata: Record<string, string> }>(
        `/admin/assistants/${shared.id}`,
        { headers: admin, json: { name: 'Thanks', metadata: {} } },
      );
      assert.equal(renamed.name, 'Thanks');
      assert.deepEqual(renamed.metadata, { haru_shared: 'true' }, 'the mark stays');

      const { token } = await registered(gateway);
      const own = await gateway.call<{ id: string }>('/v1/assistants', {
        token,
        json: { model: 'test-model' },
      });
      const list = await gateway.call<{ data: Array<{ id: string; metadata: Record<string, string> }> }>(
        '/v1/assistants',
        { token },
      );
      const marked = list.data.filter((each) => each.metadata.haru_shared === 'true').map((each) => each.id);
      assert.deepEqual(marked.sort(), [shared.id, 'asst_haru_companion', 'asst_haru_diarist'].sort());
      assert.ok(list.data.some((each) => each.id === own.id && each.metadata.haru_shared === undefined));
      for (const [method, json] of [
        ['POST', { name: 'Mine now' }],
        ['DELETE', undefined],
      ] as const) {
        const response = await gateway.request(`/v1/assistants/${shared.id}`, { method, token, json });
        assert.equal(response.status, 400, `${method} a shared assistant`);
      }
      const deleted = await gateway.call(`/admin/assistants/${shared.id}`, {
        method: 'DELETE',
        headers: admin,
      });
      assert.deepEqual(deleted, { id: shared.id, object: 'assistant.deleted', deleted: true });
      assert.equal((await gateway.request(`/v1/assistants/${shared.id}`, { token })).status, 404);
      const notShared = await gateway.request(`/admin/assistants/${own.id}`, {
        headers: admin,
        json: { name: 'x' },
      });
      assert.equal(notShared.status, 404, "a user's own assistant is not the owner's to change here");
    } finally {
      await gateway.close();
    }
  });

  test("the owner's changes to Haru's own companion survive restarts; deleting it brings back the built-in one", async () => {
    const gateway = await startGateway({ access: { adminKey }, seed: true });
    try {
      const changed = await gateway.call<{
        instructions: string;
        model: string;
        metadata: Record<string, string>;
      }>('/admin/assistants/asst_haru_companion', {
        headers: admin,
        json: { instructions: 'Answer in haiku.', model: 'owner-model' },
      });
      assert.equal(changed.metadata.haru_customized, 'true');
      // What every start of the gateway does, here with a new HARU_MODEL.
      await seedSharedAssistants(gateway.db, 'new-default-model');
      const { token } = await registered(gateway);
      const companion = await gateway.call<{ instructions: string; model: string }>(
        '/v1/assistants/asst_haru_companion',
        { token },
      );
      assert.equal(companion.instructions, 'Answer in haiku.');
      assert.equal(companion.model, 'owner-model');
      const diarist = await gateway.call<{ model: string }>('/v1/assistants/asst_haru_diarist', { token });
      assert.equal(
        diarist.model,
        'new-default-model',
        'an assistant the owner left alone still follows HARU_MODEL',
      );

      await gateway.call('/admin/assistants/asst_haru_companion', { method: 'DELETE', headers: admin });
      await seedSharedAssistants(gateway.db, 'new-default-model');
      const restored = await gateway.call<{
        instructions: string;
        model: string;
        metadata: Record<string, string>;
      }>('/v1/assistants/asst_haru_companion', { token });
      assert.match(restored.instructions, /You are Haru/);
      assert.equal(restored.model, 'new-default-model');
      assert.equal(restored.metadata.haru_customized, undefined);
    } finally {
      await gateway.close();
    }
  });
});

/** A user and device as an earlier version of the gateway, or the owner, left them in the database. */
async function firstDevice(gateway: TestGateway): Promise<Registration> {
  const { hashToken } = await import('../src/auth/device-tokens.ts');
  const token = 'haru_test-first-device-token-000000000000000';
  const now = Math.floor(Date.now() / 1000);
  await gateway.db
    .insertInto('users')
    .values({ id: 'user_first', token_hash: '!user:user_first', created_at: now })
    .execute();
  await gateway.db
    .insertInto('devices')
    .values({
      id: 'device_first',
      user_id: 'user_first',
      token_hash: hashToken(token),
      created_at: now,
      name: null,
      last_used_at: null,
    })
    .execute();
  return { token, user_id: 'user_first' };
}
