import { randomBytes } from 'node:crypto';

const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export type IdPrefix = 'asst' | 'thread' | 'msg' | 'run' | 'step' | 'user' | 'device' | 'invite';

const idLength = 24;
const timeLength = 8;
// Random bytes drawn a few kilobytes at a time: one system call for many ids instead of one each.
let pool = Buffer.alloc(0);
let poolOffset = 0;

/**
 * OpenAI-style ids: a type prefix and 24 base62 characters, the first 8 the time in milliseconds and the
 * other 16 random (95 bits). Ids made one after another then sort together, so each new row lands at the
 * end of its table's id index instead of on a random page of it: fewer pages written per commit.
 */
export function newId(prefix: IdPrefix): string {
  const randomLength = idLength - timeLength;
  if (poolOffset + randomLength > pool.length) {
    pool = randomBytes(randomLength * 256);
    poolOffset = 0;
  }
  let time = Date.now();
  let stamp = '';
  for (let i = 0; i < timeLength; i++) {
    stamp = alphabet[time % alphabet.length] + stamp;
    time = Math.floor(time / alphabet.length);
  }
  let suffix = '';
  for (let i = poolOffset; i < poolOffset + randomLength; i++)
    suffix += alphabet[(pool[i] as number) % alphabet.length];
  poolOffset += randomLength;
  return `${prefix}_${stamp}${suffix}`;
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);
