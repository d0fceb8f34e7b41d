/** A registered bench user and the assistant it runs. */
export interface GatewayUser {
  token: string;
  assistantId: string;
}

async function callGateway<T>(gatewayUrl: string, path: string, token: string | undefined, body: object) {
  const response = await fetch(new URL(path, gatewayUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export const registerDevice = (gatewayUrl: string) =>
  callGateway<{ token: string; user_id: string }>(gatewayUrl, '/auth/device', undefined, {});

export async function createBenchAssistant(gatewayUrl: string, token: string): Promise<string> {
  const body = { model: 'bench-model', instructions: 'Reply briefly.' };
  return (await callGateway<{ id: string }>(gatewayUrl, '/v1/assistants', token, body)).id;
}

export async function createThread(gatewayUrl: string, token: string): Promise<string> {
  const body = { messages: [{ role: 'user', content: 'hello' }] };
  return (await callGateway<{ id: string }>(gatewayUrl, '/v1/threads', token, body)).id;
}

/** Users with an assistant each, so the bench's threads are spread over several owners. */
export async function registerBenchUsers(gatewayUrl: string, count: number): Promise<GatewayUser[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const { token } = await registerDevice(gatewayUrl);
      return { token, assistantId: await createBenchAssistant(gatewayUrl, token) };
    }),
  );
}
