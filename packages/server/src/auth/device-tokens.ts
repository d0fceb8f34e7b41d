import { createHash, randomBytes } from 'node:crypto';

/** An opaque bearer token; only its hash is ever stored. */
export const newDeviceToken = (): string => `haru_${randomBytes(32).toString('base64url')}`;

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
