/**
 * A fresh `Idempotency-Key` for one create call: should the platform send the request twice (a retry on a
 * stale connection), the gateway answers the second with what the first created, and creates nothing.
 */
export function idempotencyKeyHeader(): { 'idempotency-key': string } {
  return { 'idempotency-key': randomUuid() };
}

function randomUuid(): string {
  if (typeof globalThis.crypto?.randomUUID === 'function') return globalThis.crypto.randomUUID();
  // Hermes has no crypto.randomUUID; a key has to be unique, not secret.
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (place) => {
    const digit = Math.floor(Math.random() * 16);
    return (place === 'x' ? digit : (digit % 4) + 8).toString(16);
  });
}
