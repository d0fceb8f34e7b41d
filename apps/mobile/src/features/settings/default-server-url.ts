import Constants from 'expo-constants';

/** A device reaches the gateway at the address the app was built with, or a local one in development. */
export function defaultServerUrl(): string {
  const configured = Constants.expoConfig?.extra?.haruServerUrl;
  return typeof configured === 'string' ? configured : 'http://localhost:8787';
}
