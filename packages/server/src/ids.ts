import { randomBytes } from 'node:crypto';

const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export type IdPrefix = 'asst' | 'thread' | 'msg' | 'run' | 'step' | 'user';

/** OpenAI-style ids: a type prefix and 24 random base62 characters. */
export function newId(prefix: IdPrefix): string {
  const bytes = randomBytes(24);
  let suffix = '';
  for (const byte of bytes) suffix += alphabet[byte % alphabet.length];
  return `${prefix}_${suffix}`;
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);
