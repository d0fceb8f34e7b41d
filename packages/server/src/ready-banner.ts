import { networkInterfaces } from 'node:os';

/** What someone who just started Haru needs to know: where to open it, where apps connect, who may sign up. */
export function readyBanner(options: { url: string; withApp: boolean; signup: string }): string {
  const [here, ...elsewhere] = reachableUrls(options.url);
  const api = (url: string) => `${url}/v1`;
  const lines = options.withApp
    ? [`Haru is ready: open ${here}`, `Apps using the Assistants API connect to ${api(here ?? '')}`]
    : [`Haru's gateway is ready: point Assistants apps at ${api(here ?? '')}`];
  if (elsewhere.length > 0) lines.push(`From a phone or another computer: ${elsewhere.join(' or ')}`);
  return `\n${[...lines, options.signup].map((line) => `  ${line}`).join('\n')}\n`;
}

/**
 * Addresses a person can type: a gateway listening on every interface (0.0.0.0) is opened at 127.0.0.1
 * on this machine, and at the machine's network addresses from a phone.
 */
export function reachableUrls(url: string, interfaces = networkInterfaces()): string[] {
  const listening = new URL(url);
  if (listening.hostname !== '0.0.0.0' && listening.hostname !== '[::]') return [url];
  const at = (host: string) => `${listening.protocol}//${host}:${listening.port}`;
  const network = Object.values(interfaces)
    .flat()
    .filter((address) => address && address.family === 'IPv4' && !address.internal)
    .map((address) => at(address?.address ?? ''));
  return [at('127.0.0.1'), ...network];
}
