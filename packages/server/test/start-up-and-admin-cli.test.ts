import assert from 'node:assert/strict';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';
import { gatewayCommand } from '../src/launch-command.ts';
import { gatewayClient } from './support/gateway-client.ts';

const adminCli = new URL('../../../scripts/admin.ts', import.meta.url).pathname;
const adminKey = 'cli-admin-key-0123456789';
const running: ChildProcess[] = [];

after(() => {
  for (const child of running) child.kill('SIGKILL');
});

/** The gateway as a process; resolves with its address and everything it logged before listening. */
function startGateway(env: Record<string, string>) {
  const child = spawn(process.execPath, gatewayCommand(), {
    env: { PATH: process.env.PATH, DATABASE_URL: 'sqlite::memory:', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  return new Promise<{ url: string; log: string }>((resolve, reject) => {
    let log = '';
    child.stdout?.on('data', (chunk) => {
      log += chunk;
      const url = log.match(/listening on (http:\/\/[^\s"]+)/)?.[1];
      if (url) resolve({ url, log });
    });
    child.once('exit', (code) => reject(new Error(`the gateway exited with ${code}: ${log}`)));
  });
}

const runAdmin = (url: string, ...args: string[]) =>
  promisify(execFile)(process.execPath, [adminCli, ...args], {
    env: { PATH: process.env.PATH, HARU_URL: url, HARU_ADMIN_KEY: adminKey },
  });

test('the start-up log states the sign-up policy: open on loopback, by invite on the network', async () => {
  const loopback = await startGateway({ HOST: '127.0.0.1' });
  assert.match(loopback.log, /Sign-up is open/);
  const network = await startGateway({ HOST: '0.0.0.0' });
  assert.match(network.log, /Sign-up is by invite/);
  assert.match(
    network.log,
    /No one can join yet.*Set HARU_ADMIN_KEY/,
    'an invite needs the admin key: said at start',
  );
  const invites = await startGateway({ HOST: '0.0.0.0', HARU_ADMIN_KEY: adminKey });
  assert.doesNotMatch(invites.log, /No one can join yet/);
  const closed = await startGateway({ HOST: '127.0.0.1', HARU_SIGNUP: 'closed' });
  assert.match(closed.log, /Sign-up is closed/);
});

test('with only warnings logged (as npm run server does), start-up still says where Haru is and who may sign up', async () => {
  const child = spawn(process.execPath, gatewayCommand(), {
    env: { PATH: process.env.PATH, DATABASE_URL: 'sqlite::memory:', PORT: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  const printed = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      if (/Sign-up is/.test(out)) resolve(out);
    });
    child.once('exit', (code) => reject(new Error(`the gateway exited with ${code}: ${out}`)));
  });
  assert.match(printed, /Haru's gateway is ready: point Assistants apps at http:\/\/127\.0\.0\.1:\d+\/v1/);
  assert.match(printed, /Sign-up is open/);
});

test('a port already taken stops the gateway with one clear line', async () => {
  const first = await startGateway({});
  const port = new URL(first.url).port;
  const second = spawn(process.execPath, gatewayCommand(), {
    env: { PATH: process.env.PATH, DATABASE_URL: 'sqlite::memory:', PORT: port, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(second);
  let stderr = '';
  second.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const code = await new Promise((resolve) => second.once('exit', resolve));
  assert.equal(code, 1);
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, stderr);
  assert.match(lines[0] ?? '', new RegExp(`127\\.0\\.0\\.1:${port}: the port is already in use`));
});

test('npm run admin: invite, users and revoke against a gateway by invite', async () => {
  const { url } = await startGateway({ HARU_SIGNUP: 'invite', HARU_ADMIN_KEY: adminKey });
  const gateway = gatewayClient(url);
  const refused = await gateway.request('/auth/device', { method: 'POST' });
  assert.equal(refused.status, 403);

  const invite = await runAdmin(url, 'invite', '--uses', '2');
  const code = invite.stdout.match(/^([A-Z2-9]{4}(?:-[A-Z2-9]{4}){3})\s/)?.[1];
  assert.ok(code, invite.stdout);
  assert.match(invite.stdout, /2 uses/);
  const device = await gateway.call<{ token: string; user_id: string }>('/auth/device', {
    json: { invite_code: code },
  });

  const users = await runAdmin(url, 'users');
  assert.match(users.stdout, new RegExp(`^${device.user_id} .* devices 1 `, 'm'));

  const revoked = await runAdmin(url, 'revoke', device.user_id);
  assert.match(revoked.stdout, /Signed out 1 device/);
  assert.equal((await gateway.request('/v1/threads', { token: device.token })).status, 401);

  await assert.rejects(
    promisify(execFile)(process.execPath, [adminCli, 'users'], {
      env: { PATH: process.env.PATH, HARU_URL: url, HARU_ADMIN_KEY: `${adminKey}-wrong` },
    }),
    (error: { stderr: string }) => /answered 401/.test(error.stderr),
  );
});

test('npm run admin: invites, revoke-invite, and delete-user after the user id is typed or with --yes', async () => {
  const { url } = await startGateway({ HARU_SIGNUP: 'invite', HARU_ADMIN_KEY: adminKey });
  const gateway = gatewayClient(url);
  const made = await runAdmin(url, 'invite', '--uses', '3');
  const inviteId = made.stdout.match(/id (invite_\w+)/)?.[1];
  const code = made.stdout.match(/^(\S+)\s/)?.[1];
  assert.ok(inviteId && code, made.stdout);
  const alice = await gateway.call<{ token: string; user_id: string }>('/auth/device', {
    json: { invite_code: code },
  });
  const bob = await gateway.call<{ token: string; user_id: string }>('/auth/device', {
    json: { invite_code: code },
  });

  const listed = await runAdmin(url, 'invites');
  assert.match(listed.stdout, new RegExp(`^${inviteId} .* 1 of 3 uses left .*last used \\d{4}-`, 'm'));
  assert.doesNotMatch(listed.stdout, new RegExp(code));
  const revoked = await runAdmin(url, 'revoke-invite', inviteId);
  assert.match(revoked.stdout, new RegExp(`Revoked ${inviteId}`));
  assert.equal((await gateway.request('/auth/device', { json: { invite_code: code } })).status, 403);
  assert.match((await runAdmin(url, 'invites')).stdout, /^No invites/);

  const deleteUser = (typed: string, ...flags: string[]) => {
    const command = runAdmin(url, 'delete-user', alice.user_id, ...flags);
    command.child.stdin?.end(typed);
    return command;
  };
  await assert.rejects(deleteUser(`${bob.user_id}\n`), (error: { stdout: string; stderr: string }) => {
    assert.match(error.stdout, new RegExp(`This erases ${alice.user_id}`));
    assert.match(error.stderr, /Nothing erased/);
    return true;
  });
  await assert.rejects(deleteUser(''), /Nothing erased/, 'no answer at all erases nothing');
  assert.equal((await gateway.request('/v1/threads', { token: alice.token })).status, 200);
  const erased = await deleteUser(`${alice.user_id}\n`);
  assert.match(erased.stdout, new RegExp(`Erased ${alice.user_id}`));
  assert.equal((await gateway.request('/v1/threads', { token: alice.token })).status, 401);

  const withoutAsking = await runAdmin(url, 'delete-user', bob.user_id, '--yes');
  assert.doesNotMatch(withoutAsking.stdout, /Type the user id/);
  assert.equal((await gateway.request('/v1/threads', { token: bob.token })).status, 401);
  await assert.rejects(runAdmin(url, 'delete-user', bob.user_id, '--yes'), /answered 404/);
  await assert.rejects(runAdmin(url, 'revoke-invite'), /Usage: npm run admin -- revoke-invite INVITE_ID/);
});

test('npm run admin -- --help shows how to use it; a bad option says what was wrong, then how', async () => {
  const help = await runAdmin('http://127.0.0.1:9', '--help');
  assert.match(help.stdout, /^Usage: npm run admin -- <command>/);
  for (const command of ['invites', 'revoke-invite INVITE_ID', 'delete-user USER_ID [--yes]']) {
    assert.ok(help.stdout.includes(`  ${command} `), command);
  }
  await assert.rejects(runAdmin('http://127.0.0.1:9', 'invite', '--uses'), (error: { stderr: string }) => {
    assert.match(error.stderr, /--uses/);
    assert.match(error.stderr, /Usage: npm run admin/);
    assert.doesNotMatch(error.stderr, /\n\s+at /, 'no stack trace');
    return true;
  });
});

test('a database that cannot be opened stops start-up with one line naming DATABASE_URL, not a stack trace', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'haru-db-'));
  try {
    const child = spawn(process.execPath, gatewayCommand(), {
      env: { PATH: process.env.PATH, DATABASE_URL: `sqlite:${folder}`, PORT: '0', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.push(child);
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise((resolve) => child.once('exit', resolve));
    assert.equal(code, 1);
    assert.match(stderr, new RegExp(`Haru cannot open its database sqlite:${folder} \\(DATABASE_URL\\)`));
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
