import { spawn } from 'node:child_process';
import { startFakeUpstream } from '../../../server/test/support/fake-upstream.ts';
import { startCuttingProxy } from './cutting-proxy.ts';

const reply = [
  '오늘 ',
  '친구를 ',
  '만났군요 😊 ',
  'Coffee ',
  'sounds ',
  'lovely. ',
  '무슨 ',
  '이야기를 ',
  '나눴어요? ',
  '🌸',
];

/**
 * The real gateway as its own process, behind a proxy that can cut connections, generating with a fake
 * OpenAI-compatible model server that streams each reply slowly enough to cancel or cut it midway.
 */
export async function startServers() {
  const upstream = await startFakeUpstream({ pieces: [...reply, ...reply], delayMs: 30 });
  const gateway = spawn(
    process.execPath,
    [new URL('../../../server/src/main.ts', import.meta.url).pathname],
    {
      env: {
        PATH: process.env.PATH ?? '',
        PORT: '0',
        DATABASE_URL: 'sqlite::memory:',
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: upstream.baseURL,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    gateway.stdout.on('data', (chunk) => {
      output += chunk;
      const match = output.match(/listening on http:\/\/127\.0\.0\.1:(\d+)/);
      if (match?.[1]) resolve(Number(match[1]));
    });
    gateway.on('exit', (code) => reject(new Error(`gateway exited with ${code}: ${output}`)));
  });
  const proxy = await startCuttingProxy(port);
  return {
    gatewayURL: `http://127.0.0.1:${port}`,
    proxy,
    upstream,
    async close() {
      gateway.kill();
      await proxy.close();
      await upstream.close();
    },
  };
}
