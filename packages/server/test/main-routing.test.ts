import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gatewayCommand } from '../src/launch-command.ts';

const folder = mkdtempSync(join(tmpdir(), 'haru-routing-main-'));
const children: ChildProcess[] = [];
after(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(folder, { recursive: true, force: true });
});

/** The gateway's main.ts in `cwd`: resolves with its URL once listening, or rejects with all it printed. */
const startMain = async (cwd: string, env: Record<string, string> = {}) =>
  (await startMainLogged(cwd, env)).url;

/** The gateway's address once it listens, and everything it printed until then. */
function startMainLogged(cwd: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, gatewayCommand(), {
    cwd,
    env: { PATH: process.env.PATH ?? '', PORT: '0', DATABASE_URL: 'sqlite::memory:', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  return new Promise<{ url: string; log: string }>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk;
      const match = output.match(/listening on (http:\/\/[^\s"]+)/);
      if (match?.[1]) resolve({ url: match[1], log: output });
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.on('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
}

async function modelsAt(url: string) {
  const { token } = (await (await fetch(`${url}/auth/device`, { method: 'POST' })).json()) as {
    token: string;
  };
  const response = await fetch(`${url}/v1/models`, { headers: { authorization: `Bearer ${token}` } });
  return ((await response.json()) as { data: Array<{ id: string; owned_by: string }> }).data;
}

test('with nothing configured, /v1/models lists the shared assistants’ model as the offline companion’s', async () => {
  const url = await startMain(folder, { HARU_MODEL: 'gpt-4o-mini' });
  assert.deepEqual(
    (await modelsAt(url)).map(({ id, owned_by }) => ({ id, owned_by })),
    [{ id: 'gpt-4o-mini', owned_by: 'haru-offline-companion' }],
  );
});

test('haru.config.json in the working directory sets the routing', async () => {
  const dir = mkdtempSync(join(folder, 'file-'));
  writeFileSync(
    join(dir, 'haru.config.json'),
    JSON.stringify({
      backends: {
        ollama: { type: 'openai-compatible', baseURL: 'http://127.0.0.1:9/v1' },
        companion: { type: 'offline' },
      },
      models: { 'gpt-4o-mini': 'companion', 'qwen2.5:1.5b': 'ollama' },
    }),
  );
  const url = await startMain(dir);
  assert.deepEqual(
    (await modelsAt(url)).map(({ id, owned_by }) => `${id}:${owned_by}`),
    ['gpt-4o-mini:haru-offline-companion', 'qwen2.5:1.5b:ollama'],
  );
});

test('a local model file that is not there, or a Hugging Face address that cannot be one, stops the start and says why', async () => {
  const dir = mkdtempSync(join(folder, 'local-'));
  await assert.rejects(
    startMain(dir, { HARU_LOCAL_MODEL: join(dir, 'missing.gguf') }),
    /The local model of backend 'local' is a file that does not exist: .*missing\.gguf/,
  );
  await assert.rejects(
    startMain(dir, { HARU_LOCAL_MODEL: 'hf:bad-uri' }),
    /The local model of backend 'local': 'hf:bad-uri' is not a Hugging Face file: use hf:owner\/repo\/file\.gguf/,
  );
});

test('a routing file with a mistake, or one that leaves HARU_MODEL unrouted, stops the start and says why', async () => {
  const dir = mkdtempSync(join(folder, 'bad-'));
  writeFileSync(
    join(dir, 'routing.json'),
    JSON.stringify({ backends: { local: { type: 'local' } }, models: { 'gpt-4o-mini': 'local' } }),
  );
  await assert.rejects(
    startMain(dir, { HARU_CONFIG: 'routing.json' }),
    /Invalid routing file routing\.json:\n {2}backends\.local\.model/,
  );

  writeFileSync(
    join(dir, 'haru.config.json'),
    JSON.stringify({ backends: { companion: { type: 'offline' } }, models: { 'haru-*': 'companion' } }),
  );
  await assert.rejects(
    startMain(dir, { HARU_MODEL: 'gpt-4o-mini' }),
    /HARU_MODEL is 'gpt-4o-mini', which the routing \(haru\.config\.json\) maps to no backend.*Set HARU_MODEL to one of: haru-\*\./,
  );
});

test('model names left to the offline companion beside a real backend are named in a warning at start', async () => {
  const dir = mkdtempSync(join(folder, 'fallthrough-'));
  const { log } = await startMainLogged(dir, {
    ANTHROPIC_API_KEY: 'sk-ant-test',
    HARU_MODEL: 'claude-haiku-4-5',
    LOG_LEVEL: 'info',
  });
  assert.match(log, /Model names other than claude-\* are answered by the built-in offline companion/);
  const alone = await startMainLogged(dir, { LOG_LEVEL: 'info' });
  assert.doesNotMatch(
    alone.log,
    /Model names other than/,
    'with no model at all, the one warning about it is enough',
  );
});
