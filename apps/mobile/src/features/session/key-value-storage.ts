import * as SecureStore from 'expo-secure-store';

/** Small values (the device token, settings, drafts) kept in the platform's secure store. */
export const keyValueStorage = {
  get: (key: string) => SecureStore.getItemAsync(key),
  set: (key: string, value: string) => SecureStore.setItemAsync(key, value),
  remove: (key: string) => SecureStore.deleteItemAsync(key),
};
