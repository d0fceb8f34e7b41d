/**
 * `npm start` (through launch.js, which checks the Node.js version first): builds the Haru app for the
 * web when its build is missing or stale, then runs the gateway serving the API and the app on one origin.
 * `npm run server` (`--without-app`): the gateway alone.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { gatewayCommand } from '../packages/server/src/launch-command.ts';
import { ensureWebBuild, webBuildDir } from './web-build.ts';

const withApp = !process.argv.includes('--without-app') && ensureWebBuild();
if (!withApp) console.error('Starting the gateway without the app.');

const gateway = spawn(process.execPath, gatewayCommand(), {
  // The channel tells the gateway when this process is gone, however it went.
  stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  env: {
    // Someone using the app wants a quiet terminal, not a line per request; LOG_LEVEL=info brings them back.
    LOG_LEVEL: 'warn',
    ...process.env,
    ...(withApp && { WEB_APP_DIR: webBuildDir }),
  },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => gateway.kill(signal));
// A gateway ended by a signal did not stop cleanly: a service manager restarting on failure must see it.
gateway.on('exit', (code, signal) => process.exit(code ?? 128 + (signal ? constants.signals[signal] : 0)));
