/**
 * The device's key-value storage for jest, kept in memory, for `jest.mock`:
 * `jest.mock('…/key-value-storage', () => require('…/test-support/memory-key-value-storage').memoryKeyValueStorage())`.
 */
export function memoryKeyValueStorage() {
  const stored = new Map<string, string>();
  return {
    keyValueStorage: {
      get: jest.fn(async (key: string) => stored.get(key) ?? null),
      set: jest.fn(async (key: string, value: string) => void stored.set(key, value)),
      remove: jest.fn(async (key: string) => void stored.delete(key)),
    },
  };
}
