import { fetch as expoFetch } from 'expo/fetch';

/** On iOS and Android, Expo's fetch streams response bodies; the client reads runs with it directly. */
export const streamingOptions = {
  fetch: expoFetch as unknown as typeof globalThis.fetch,
  transport: 'fetch',
} as const;
