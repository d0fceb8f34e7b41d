import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// A path, not a URL's: a checkout under a folder with a space in its name stays found.
const root = fileURLToPath(new URL('..', import.meta.url));
const app = join(root, 'apps/mobile');

/**
 * Where the Haru app's web build lives, ready for the gateway's WEB_APP_DIR: not Expo's default `dist`,
 * so exporting the iOS or Android bundle (`npx expo export`) never replaces the app being served.
 */
export const webBuildDir = join(app, 'web-build');

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

/** Builds the app for the web when the build is missing or older than its sources; true when one exists. */
export function ensureWebBuild(log: (line: string) => void = console.log): boolean {
  const builtAt = newestChange(join(webBuildDir, 'index.html'));
  if (builtAt > 0 && Math.max(...sources.map(newestChange)) <= builtAt) return true;
  log(
    builtAt === 0
      ? 'Building the Haru web app (first start, about a minute)…'
      : 'The app changed: rebuilding its web build…',
  );
  const result = spawnSync('npx', ['expo', 'export', '--platform', 'web', '--output-dir', webBuildDir], {
    cwd: app,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, CI: '1' },
  });
  if (result.error) log(`The web build could not start: ${result.error.message}`);
  else if (result.status !== 0) log('The web build failed (see above).');
  return existsSync(join(webBuildDir, 'index.html'));
}
