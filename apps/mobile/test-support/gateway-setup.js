// Starts a real Haru gateway (offline companion, in-memory database) for the app's tests. Plain CommonJS,
// as jest loads globalSetup untransformed, so it cannot share packages/server/test/support/gateway-process.ts.
const { spawn } = require('node:child_process');
const path = require('node:path');

module.exports = async function startGateway() {
  const main = path.join(__dirname, '../../../packages/server/src/main.ts');
  const gateway = spawn(process.execPath, [main], {
    // Every test registers a device of its own: far more than the 30 an hour one address may in production.
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      DATABASE_URL: 'sqlite::memory:',
      LOG_LEVEL: 'info',
      HARU_SIGNUPS_PER_HOUR: '10000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk) => {
      output += chunk;
      const match = output.match(/listening on (http:\/\/[^\s"]+)/);
      if (!match) return;
      // Keep draining its log: a full pipe would block the gateway's event loop.
      gateway.stdout.off('data', onData);
      gateway.stdout.resume();
      resolve(match[1]);
    };
    gateway.stdout.on('data', onData);
    gateway.on('exit', (code) => reject(new Error(`gateway exited with ${code}: ${output}`)));
  });
  process.env.HARU_TEST_GATEWAY = url;
  globalThis.haruTestGateway = gateway;
};
