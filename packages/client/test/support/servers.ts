import { startFakeUpstream } from '../../../server/test/support/fake-upstream.ts';
import { startGatewayProcess } from '../../../server/test/support/gateway-process.ts';
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
  const gateway = await startGatewayProcess({
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: upstream.baseURL,
  }).catch(async (error: unknown) => {
    // An open upstream would keep the test process alive long after the failure.
    await upstream.close();
    throw error;
  });
  const proxy = await startCuttingProxy(Number(new URL(gateway.url).port));
  return {
    gatewayURL: gateway.url,
    proxy,
    upstream,
    async close() {
      await gateway.stop();
      await proxy.close();
      await upstream.close();
    },
  };
}
