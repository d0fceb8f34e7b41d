/**
 * The `Idempotency-Key` for one create call: should the platform send the request twice (a retry on a
 * stale connection), the gateway answers the second with what the first created, and creates nothing.
 * A fresh key unless the caller brings its own, to make its own retries safe too.
 */
export function idempotencyKeyHeader(key: string = newIdempotencyKey()): { 'idempotency-key': string } {
  return { 'idempotency-key': key };
}

/**
 * A key for one thing the caller means to create once (a message the person wrote): passed to every
 * attempt at it, a retry after a dropped answer returns what the server already made, not a duplicate.
 */
export function newIdempotencyKey(): string {
  if (typeof globalThis.crypto?.randomUUID === 'function') return globalThis.crypto.randomUUID();
  // Hermes has no crypto.randomUUID; a key has to be unique, not secret.
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (place) => {
    const digit = Math.floor(Math.random() * 16);
    return (place === 'x' ? digit : (digit % 4) + 8).toString(16);
  });
}
