import { randomBytes } from 'node:crypto';

const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export type IdPrefix = 'asst' | 'thread' | 'msg' | 'run' | 'step' | 'user' | 'device';

const idLength = 24;
// Random bytes drawn a few kilobytes at a time: one system call for many ids instead of one each.
let pool = Buffer.alloc(0);
let poolOffset = 0;

/** OpenAI-style ids: a type prefix and 24 random base62 characters. */
export function newId(prefix: IdPrefix): string {
  if (poolOffset + idLength > pool.length) {
    pool = randomBytes(idLength * 256);
    poolOffset = 0;
  }
  let suffix = '';
  for (let i = poolOffset; i < poolOffset + idLength; i++)
    suffix += alphabet[(pool[i] as number) % alphabet.length];
  poolOffset += idLength;
  return `${prefix}_${suffix}`;
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);
