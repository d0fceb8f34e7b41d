/** Served by the gateway, the app talks to its own origin; from Expo's dev server, to a local gateway. */
export function defaultServerUrl(): string {
  const { origin, port } = globalThis.location ?? { origin: 'http://localhost:8787', port: '8787' };
  return port === '8081' ? 'http://localhost:8787' : origin;
}
