/**
 * `npm run dev`: the gateway, letting the dev server's pages call it (HARU_CORS_ORIGINS), beside Expo's
 * dev server. Stopping Expo stops the gateway too.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gatewayCommand } from '../packages/server/src/launch-command.ts';

// A path, not a URL's: a checkout under a folder with a space in its name stays found.
const root = fileURLToPath(new URL('..', import.meta.url));
const devServerOrigins = ['http://localhost:8081', 'http://127.0.0.1:8081'];
const corsOrigins = [process.env.HARU_CORS_ORIGINS, ...devServerOrigins].filter(Boolean).join(',');

const gateway = spawn(process.execPath, gatewayCommand(), {
  // The channel tells the gateway when this process is gone, however it went.
  stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  env: { ...process.env, HARU_CORS_ORIGINS: corsOrigins },
});
const expo = spawn('npx', ['expo', 'start', ...process.argv.slice(2)], {
  cwd: join(root, 'apps/mobile'),
  stdio: 'inherit',
});
// A gateway already running (`npm run server`) keeps the port; Expo goes on without this one.
gateway.on('exit', (code) => {
  if (code) console.error('The dev gateway stopped; the app talks to whatever gateway holds the port.');
});
expo.on('exit', (code) => {
  if (gateway.exitCode === null) gateway.kill('SIGTERM');
  process.exitCode = code ?? 0;
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    for (const child of [gateway, expo]) child.kill(signal);
  });
}
