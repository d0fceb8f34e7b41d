/**
 * `npm start`: builds the Haru app for the web when its build is missing or older than its sources,
 * then runs the gateway serving the API and the app on one origin.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const app = join(root, 'apps/mobile');
const build = join(app, 'dist');
const sources = [
  join(app, 'src'),
  join(app, 'assets'),
  join(app, 'app.json'),
  join(root, 'packages/client/src'),
];

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

const builtAt = newestChange(join(build, 'index.html'));
if (builtAt === 0 || Math.max(...sources.map(newestChange)) > builtAt) {
  console.log(
    builtAt === 0
      ? 'Building the Haru web app (first start, about a minute)…'
      : 'The app changed: rebuilding its web build…',
  );
  const result = spawnSync('npx', ['expo', 'export', '--platform', 'web', '--output-dir', 'dist'], {
    cwd: app,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, CI: '1' },
  });
  if (result.status !== 0) {
    console.error('The web build failed (see above). Starting the gateway without the app.');
  }
}

const gateway = spawn(process.execPath, [join(root, 'packages/server/src/main.ts')], {
  stdio: 'inherit',
  env: { ...process.env, ...(existsSync(join(build, 'index.html')) && { WEB_APP_DIR: build }) },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => gateway.kill(signal));
gateway.on('exit', (code) => process.exit(code ?? 0));
