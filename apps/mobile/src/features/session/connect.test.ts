import { readDeviceToken, UnreadableDeviceKeyError } from './connect';
import { keyValueStorage } from './key-value-storage';

jest.mock('./key-value-storage', () => ({
  keyValueStorage: {
    get: jest.fn(async () => {
      throw new Error('User interaction is not allowed.');
    }),
    set: jest.fn(async () => undefined),
    remove: jest.fn(async () => undefined),
  },
}));

describe('connecting this device', () => {
  it('never registers a new user when the stored device key cannot be read', async () => {
    await expect(readDeviceToken('http://127.0.0.1:9')).rejects.toBeInstanceOf(UnreadableDeviceKeyError);
    expect(keyValueStorage.set).not.toHaveBeenCalled();
  });
});
