import { createMiddleware } from 'hono/factory';
import { unauthorized } from '../errors.ts';
import { nowSeconds } from '../ids.ts';
import type { AppEnv } from '../routes/router.ts';
import type { Database } from '../storage/database.ts';
import { deviceStore } from '../storage/device-store.ts';
import { hashToken } from './device-tokens.ts';

/** A device's last-used time is written at most this often, not on every request. */
const lastUsedResolutionSeconds = 60;

/** Every /v1 request names its device, and so its user, with `Authorization: Bearer <device token>`. */
export function requireUser(db: Database) {
  const devices = deviceStore(db);
  return createMiddleware<AppEnv>(async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    if (!token) {
      throw unauthorized(
        "You didn't provide an API key. Send your device token in an Authorization header (Authorization: Bearer YOUR_TOKEN); get one from POST /auth/device.",
      );
    }
    const device = await devices.forTokenHash(hashToken(token));
    if (!device) {
      throw unauthorized(
        'Incorrect API key provided: this device was signed out or never registered. Register it again with POST /auth/device.',
      );
    }
    const now = nowSeconds();
    if (device.lastUsedAt === null || now - device.lastUsedAt >= lastUsedResolutionSeconds) {
      await devices.touch(device.deviceId, now);
    }
    c.set('userId', device.userId);
    c.set('deviceId', device.deviceId);
    c.set('quotas', device);
    await next();
  });
}

export const bearerToken = (header: string | undefined): string | undefined =>
  header?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
