import { createMiddleware } from 'hono/factory';
import { unauthorized } from '../errors.ts';
import type { AppEnv } from '../routes/router.ts';
import type { Database } from '../storage/database.ts';
import { userStore } from '../storage/user-store.ts';
import { hashToken } from './device-tokens.ts';

/** Every /v1 request names its user with `Authorization: Bearer <device token>`. */
export function requireUser(db: Database) {
  const users = userStore(db);
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('authorization');
    const token = header?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
    if (!token) {
      throw unauthorized(
        "You didn't provide an API key. Send your device token in an Authorization header (Authorization: Bearer YOUR_TOKEN); get one from POST /auth/device.",
      );
    }
    const userId = await users.idForTokenHash(hashToken(token));
    if (!userId)
      throw unauthorized('Incorrect API key provided. Register this device again with POST /auth/device.');
    c.set('userId', userId);
    await next();
  });
}
