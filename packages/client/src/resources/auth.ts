import type { Http } from '../http.ts';

export interface DeviceRegistration {
  token: string;
  user_id: string;
}

export interface LinkCode {
  code: string;
  /** Unix seconds. */
  expires_at: number;
}

export interface Device {
  id: string;
  created_at: number;
  last_used_at: number | null;
  /** The device making this request. */
  current: boolean;
  name?: string;
}

export const authApi = (http: Http) => ({
  /** Registers this device as a new user; keep the token in secure storage. `name` tells it apart in the device list. */
  registerDevice: (options: { name?: string } = {}) =>
    http.request<DeviceRegistration>('POST', '/auth/device', {
      body: options.name ? { name: options.name } : undefined,
    }),
  /** A short one-time code another device redeems with `linkDevice` to join this user. */
  createLinkCode: () => http.request<LinkCode>('POST', '/auth/link-code'),
  /** Registers this device as another device of the user who made `linkCode`. */
  linkDevice: (linkCode: string, options: { name?: string } = {}) =>
    http.request<DeviceRegistration>('POST', '/auth/device', {
      body: { link_code: linkCode, ...(options.name && { name: options.name }) },
    }),
  listDevices: () => http.request<{ object: 'list'; data: Device[] }>('GET', '/auth/devices'),
  /** Signs a device out: its token stops working at once. */
  deleteDevice: (deviceId: string) =>
    http.request<{ id: string; object: 'device.deleted'; deleted: boolean }>(
      'DELETE',
      `/auth/devices/${deviceId}`,
    ),
  /** Erases this user and everything they made, on the gateway, for good: every device's token stops working. */
  deleteAccount: async (): Promise<void> => {
    await http.request('DELETE', '/auth/account');
  },
});
