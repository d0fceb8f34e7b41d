import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ensureWebBuild, webBuildDir } from '../../../scripts/web-build.ts';

const app = new URL('..', import.meta.url).pathname;

test('exporting the iOS and Android bundles with Expo’s defaults leaves the served web build alone', () => {
  assert.ok(ensureWebBuild(), 'the web build exists');
  const servedPage = join(webBuildDir, 'index.html');
  const before = statSync(servedPage).mtimeMs;

  const result = spawnSync('npx', ['expo', 'export', '--platform', 'ios', '--platform', 'android'], {
    cwd: app,
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
  });
  assert.equal(result.status, 0, result.stderr);
  for (const platform of ['ios', 'android']) {
    const bundles = join(app, 'dist/_expo/static/js', platform);
    assert.ok(existsSync(bundles) && readdirSync(bundles).length > 0, `a ${platform} bundle was written`);
  }
  assert.ok(existsSync(servedPage), 'the web build is still there');
  assert.equal(statSync(servedPage).mtimeMs, before, 'and untouched');
});
