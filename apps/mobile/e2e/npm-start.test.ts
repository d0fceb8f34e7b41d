import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { nodeVersionProblem } from '../../../scripts/node-version.js';

const root = new URL('../../..', import.meta.url).pathname;
const launch = join(root, 'scripts/launch.js');

test('npm start names the Node.js version Haru needs, instead of failing on a .ts file', () => {
  assert.match(
    nodeVersionProblem('20.20.2') ?? '',
    /needs Node\.js 22\.18 or newer.*this is Node\.js 20\.20\.2/,
  );
  assert.equal(nodeVersionProblem('22.18.0'), undefined);
  assert.equal(nodeVersionProblem('24.11.1'), undefined);
});

// The machine's own Node.js, where it is an old one (Debian's is 20): the real first contact.
const systemNode = spawnSync('/usr/bin/node', ['-p', 'process.versions.node'], { encoding: 'utf8' });
test('npm start, npm run admin and npm run dev on an old Node.js exit with that message', {
  skip: !nodeVersionProblem(systemNode.stdout?.trim() || '99.0.0') && 'no old Node.js on this machine',
}, () => {
  for (const script of [['start'], ['admin', 'users'], ['dev']]) {
    const result = spawnSync('/usr/bin/node', [launch, ...script], { encoding: 'utf8' });
    assert.equal(result.status, 1, script.join(' '));
    assert.match(result.stderr, /Haru needs Node\.js 22\.18 or newer/, script.join(' '));
    assert.doesNotMatch(result.stderr, /ERR_UNKNOWN_FILE_EXTENSION/, script.join(' '));
  }
});

test('npm start says where to open Haru, where apps connect and who may sign up, then stays quiet: no line per request', async () => {
  const { LOG_LEVEL: _, ...env } = process.env;
  const haru = spawn(process.execPath, [launch, 'start'], {
    env: { ...env, PORT: '0', DATABASE_URL: 'sqlite::memory:', OPENAI_API_KEY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  haru.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const url = await new Promise<string>((resolve, reject) => {
    haru.stdout.on('data', (chunk) => {
      output += chunk;
      const ready = output.match(/Haru is ready: open (http:\/\/\S+)/);
      if (ready?.[1]) resolve(ready[1]);
    });
    haru.once('exit', (code) => reject(new Error(`npm start exited with ${code}: ${output}`)));
  });
  try {
    assert.match(output, /Apps using the Assistants API connect to http:\/\/\S+\/v1/);
    assert.match(output, /Sign-up is open/);
    for (const path of ['/', '/healthz', '/journal'])
      assert.equal((await fetch(`${url}${path}`)).status, 200);
    const { token } = (await (await fetch(`${url}/auth/device`, { method: 'POST' })).json()) as {
      token: string;
    };
    await fetch(`${url}/v1/threads`, { headers: { authorization: `Bearer ${token}` } });
  } finally {
    const exited = new Promise((resolve) => haru.once('exit', resolve));
    haru.kill('SIGTERM');
    await exited;
  }
  assert.doesNotMatch(output, /"msg":"request"/);
});
