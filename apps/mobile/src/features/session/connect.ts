import { createHaruClient, type HaruClient } from '@haru/client';
import { deviceName } from './device-name';
import type { Connection } from './haru-session';
import { keyValueStorage } from './key-value-storage';
import { isSignedOut } from './signed-out';
import { streamingOptions } from './streaming-fetch';

/** A device key that exists but cannot be read: registering again would cut the person off from their diary. */
export class UnreadableDeviceKeyError extends Error {
  constructor(cause: unknown) {
    super('The device key to your diary could not be read from secure storage.', { cause });
    this.name = 'UnreadableDeviceKeyError';
  }
}

/** The gateway no longer knows this device: it was signed out from another one, or the server was reset. */
export class SignedOutError extends Error {
  constructor() {
    super('This device is no longer signed in to this Haru server.');
    this.name = 'SignedOutError';
  }
}

// A followed run whose server went away is polled quickly enough to see it back within seconds,
// for about five minutes before the reply counts as lost.
const poll = { intervalsMs: [100], retries: 200 };

// Secure store keys allow only letters, digits, '.', '-' and '_'.
const tokenKeyFor = (serverUrl: string) => `haru.device-token.${serverUrl.replace(/[^\w.-]/g, '_')}`;

const clientFor = (serverUrl: string, token?: string) =>
  createHaruClient({ baseURL: serverUrl, ...(token && { token }), poll, ...streamingOptions });

/** This device's token for a server, or null before its first launch there. */
export async function readDeviceToken(serverUrl: string): Promise<string | null> {
  return keyValueStorage.get(tokenKeyFor(serverUrl)).catch((error: unknown) => {
    throw new UnreadableDeviceKeyError(error);
  });
}

/**
 * Makes this device known to the server: as a new diary, or with a link code from another device of
 * the same person, as one more device of theirs. Keeps the token; returns it.
 */
export async function registerDevice(serverUrl: string, linkCode?: string): Promise<string> {
  const auth = clientFor(serverUrl).auth;
  const name = deviceName();
  const { token } = linkCode
    ? await auth.linkDevice(linkCode, { name })
    : await auth.registerDevice({ name });
  await keyValueStorage.set(tokenKeyFor(serverUrl), token);
  return token;
}

/** Forgets this device's token for a server (after it was signed out); with `only`, if it is still that one. */
export async function forgetDevice(serverUrl: string, only?: string): Promise<void> {
  if (only !== undefined && (await readDeviceToken(serverUrl).catch(() => null)) !== only) return;
  await keyValueStorage.remove(tokenKeyFor(serverUrl));
}

/** How long the app waits for the server to say whether it still knows this device. */
const tokenCheckMs = 10_000;

/**
 * The token this device keeps for a server when the server refuses it (null when none is kept), or
 * undefined when the server accepts it or does not answer in time. A 401 can come late, from a request
 * made with an earlier token (before a sign-out and a new diary on this device): only the token kept now
 * decides whether this device is signed out.
 */
export async function refusedStoredToken(serverUrl: string): Promise<string | null | undefined> {
  let token: string | null;
  try {
    token = await readDeviceToken(serverUrl);
  } catch {
    return undefined;
  }
  if (token === null) return null;
  const refused = clientFor(serverUrl, token)
    .assistants.list({ limit: 1 })
    .then(
      () => false,
      (error: unknown) => isSignedOut(error),
    );
  let timer: ReturnType<typeof setTimeout> | undefined;
  const noAnswer = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), tokenCheckMs);
  });
  const verdict = await Promise.race([refused, noAnswer]).finally(() => clearTimeout(timer));
  return verdict ? token : undefined;
}

/** Reaches a gateway as this device and finds Haru's companion and diarist among the assistants. */
export async function connect(serverUrl: string, token: string): Promise<Connection> {
  const client = clientFor(serverUrl, token);
  try {
    return { client, ...(await findAssistants(client)) };
  } catch (error) {
    if (isSignedOut(error)) throw new SignedOutError();
    throw error;
  }
}

async function findAssistants(client: HaruClient) {
  const { data } = await client.assistants.list({ limit: 100 });
  const byRole = (role: string) => data.find((assistant) => assistant.metadata.haru_role === role)?.id;
  return {
    companionId: byRole('companion') ?? 'asst_haru_companion',
    diaristId: byRole('diarist') ?? 'asst_haru_diarist',
  };
}

/**
 * Whether a Haru gateway answers at this address: asked before the app moves to it, since a mistyped
 * address would otherwise open onto a welcome screen, as if the diary were gone.
 */
export async function reachesHaru(serverUrl: string, timeoutMs = 8000): Promise<boolean> {
  try {
    const response = await fetch(`${serverUrl}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await response.json()) as { status?: unknown };
    return response.ok && body.status === 'ok';
  } catch {
    return false;
  }
}
