import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gatewayCommand } from '../src/launch-command.ts';
import { readEvents } from './support/sse.ts';

const folder = mkdtempSync(join(tmpdir(), 'haru-main-'));
const children: ChildProcess[] = [];
after(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(folder, { recursive: true, force: true });
});

function startMain(env: Record<string, string>, options: { withLauncherChannel?: boolean } = {}) {
  const child = spawn(process.execPath, gatewayCommand(), {
    env: { PATH: process.env.PATH ?? '', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe', ...(options.withLauncherChannel ? ['ipc' as const] : [])],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const url = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', () => {
      const match = output.match(/listening on (http:\/\/[^\s"]+)/);
      if (match?.[1]) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`gateway exited with ${code}: ${output}`)));
  });
  return { child, url, output: () => output };
}

test('the gateway process starts with no key, replies with the offline companion, and logs no secrets or text', async () => {
  const gateway = startMain({ DATABASE_URL: `sqlite:${join(folder, 'haru.sqlite')}` });
  const url = await gateway.url;
  const { token } = (await (await fetch(`${url}/auth/device`, { method: 'POST' })).json()) as {
    token: string;
  };
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const post = async (path: string, body: object) =>
    (await (
      await fetch(`${url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) })
    ).json()) as {
      id: string;
    };
  const assistant = await post('/v1/assistants', { model: 'any-model' });
  const secretDiary = 'my very private diary line about Jisoo';
  const response = await fetch(`${url}/v1/threads/runs`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      assistant_id: assistant.id,
      stream: true,
      thread: { messages: [{ role: 'user', content: secretDiary }] },
    }),
  });
  const events = await readEvents(response);
  const completed = JSON.parse(events.find((e) => e.event === 'thread.message.completed')?.data ?? '{}') as {
    metadata: Record<string, string>;
    content: Array<{ text: { value: string } }>;
  };
  assert.equal(completed.metadata.generated_by, 'haru-offline-companion');
  assert.match(completed.content[0]?.text.value ?? '', /\?$/);

  const log = gateway.output();
  assert.match(log, /offline companion/);
  assert.doesNotMatch(log, new RegExp(token), 'the device token is never logged');
  assert.doesNotMatch(log, /Jisoo/, 'message text is never logged at info level');
  assert.doesNotMatch(log, new RegExp(completed.content[0]?.text.value.slice(0, 12) ?? 'x'));
});

test('a bad configuration value stops start-up with a message naming it', async () => {
  const gateway = startMain({ PORT: 'eighty' });
  await assert.rejects(gateway.url, /PORT/);
});

test('a gateway started by npm start stops, cleanly, when npm start is gone however it went', async () => {
  const gateway = startMain({ DATABASE_URL: 'sqlite::memory:' }, { withLauncherChannel: true });
  const url = await gateway.url;
  assert.equal((await fetch(`${url}/healthz`)).status, 200);
  const exited = new Promise<number | null>((resolve) => gateway.child.once('exit', resolve));
  // What the operating system does to the channel when the launcher is killed, even by SIGKILL.
  gateway.child.disconnect();
  assert.equal(await exited, 0, gateway.output());
  await assert.rejects(fetch(`${url}/healthz`), 'the port is free again');
});
