import { createHash, randomInt } from 'node:crypto';

// No 0/O or 1/I/L, so a code read aloud or typed from another screen comes out right.
const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A random code of `groups` groups of four characters, like `K7QM-2XPA`. */
export function newCode(groups: number): string {
  const group = () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return Array.from({ length: groups }, group).join('-');
}

/** The stored form of a code: typed in any case, with or without its dashes and spaces, it hashes the same. */
export const hashCode = (code: string): string =>
  createHash('sha256').update(code.toUpperCase().replace(/[\s-]/g, '')).digest('hex');
