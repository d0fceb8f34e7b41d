import type { Http } from '../http.ts';

export interface DeviceRegistration {
  token: string;
  user_id: string;
}

export const authApi = (http: Http) => ({
  /** Registers this device as a new user; keep the token in secure storage. */
  registerDevice: () => http.request<DeviceRegistration>('POST', '/auth/device'),
});
