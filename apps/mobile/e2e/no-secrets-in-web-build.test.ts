import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const app = new URL('..', import.meta.url).pathname;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

test('the web build holds no model key or admin key from the environment it was built in', {
  timeout: 600_000,
}, () => {
  const providerKey = 'sk-proj-haru-secret-scan-6f1e2d3c4b5a';
  const adminKey = 'haru-admin-secret-scan-9a8b7c6d5e4f';
  const out = mkdtempSync(join(tmpdir(), 'haru-web-secrets-'));
  try {
    const build = spawnSync('npx', ['expo', 'export', '--platform', 'web', '--output-dir', out], {
      cwd: app,
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
      env: {
        ...process.env,
        CI: '1',
        OPENAI_API_KEY: providerKey,
        HARU_ADMIN_KEY: adminKey,
        // Even a key someone exposed to the bundle by Expo's public prefix must not be in it.
        EXPO_PUBLIC_OPENAI_API_KEY: providerKey,
        EXPO_PUBLIC_HARU_ADMIN_KEY: adminKey,
      },
    });
    assert.equal(build.status, 0, build.stderr);
    const files = filesUnder(out);
    assert.ok(
      files.some((file) => file.endsWith('index.html')),
      'the build has its page',
    );
    assert.ok(
      files.some((file) => file.endsWith('.js')),
      'and its scripts',
    );
    for (const file of files) {
      const content = readFileSync(file).toString('latin1');
      for (const secret of [providerKey, adminKey]) {
        assert.ok(
          !content.includes(secret),
          `${file.slice(out.length)} holds a secret from the build environment`,
        );
      }
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
