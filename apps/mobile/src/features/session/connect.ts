import { createHaruClient, HaruApiError, type HaruClient } from '@haru/client';
import type { Connection } from './haru-session';
import { keyValueStorage } from './key-value-storage';
import { streamingOptions } from './streaming-fetch';

const tokenKey = 'haru.device-token';

/** A device key that exists but cannot be read: registering again would cut the person off from their diary. */
export class UnreadableDeviceKeyError extends Error {
  constructor(cause: unknown) {
    super('The device key to your diary could not be read from secure storage.', { cause });
    this.name = 'UnreadableDeviceKeyError';
  }
}

// A followed run whose server went away is polled quickly enough to see it back within seconds,
// for about five minutes before the reply counts as lost.
const poll = { intervalsMs: [250], retries: 80 };

/**
 * Reaches a gateway as this device: registers silently the first time (the token is kept per server)
 * and finds Haru's companion and diarist among the assistants.
 */
export async function connect(serverUrl: string): Promise<Connection> {
  // Secure store keys allow only letters, digits, '.', '-' and '_'.
  const tokenForServer = `${tokenKey}.${serverUrl.replace(/[^\w.-]/g, '_')}`;
  let token = await keyValueStorage.get(tokenForServer).catch((error: unknown) => {
    throw new UnreadableDeviceKeyError(error);
  });
  const client = createHaruClient({
    baseURL: serverUrl,
    token: async () => token ?? undefined,
    poll,
    ...streamingOptions,
  });
  if (!token) token = await register(client, tokenForServer);
  try {
    return { client, ...(await findAssistants(client)) };
  } catch (error) {
    // A gateway that no longer knows this device (its data was reset) gets a fresh registration.
    if (!(error instanceof HaruApiError && error.status === 401)) throw error;
    token = await register(client, tokenForServer);
    return { client, ...(await findAssistants(client)) };
  }
}

async function register(client: HaruClient, storageKey: string): Promise<string> {
  const { token } = await client.auth.registerDevice();
  await keyValueStorage.set(storageKey, token);
  return token;
}

async function findAssistants(client: HaruClient) {
  const { data } = await client.assistants.list({ limit: 100 });
  const byRole = (role: string) => data.find((assistant) => assistant.metadata.haru_role === role)?.id;
  return {
    companionId: byRole('companion') ?? 'asst_haru_companion',
    diaristId: byRole('diarist') ?? 'asst_haru_diarist',
  };
}
