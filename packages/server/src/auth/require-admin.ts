import { createHash, timingSafeEqual } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import { ApiError, unauthorized } from '../errors.ts';
import { bearerToken } from './require-user.ts';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * /admin/* answers only to `Authorization: Bearer <HARU_ADMIN_KEY>`, compared in constant time. Without
 * a key configured there is no admin API at all.
 */
export function requireAdmin(adminKey: string | undefined) {
  const expected = adminKey === undefined ? undefined : digest(adminKey);
  return createMiddleware(async (c, next) => {
    if (!expected) {
      throw new ApiError(
        404,
        `Unknown request URL: ${c.req.method} ${c.req.path}. The admin API is off until HARU_ADMIN_KEY is set.`,
      );
    }
    const key = bearerToken(c.req.header('authorization'));
    if (!key || !timingSafeEqual(digest(key), expected)) {
      throw unauthorized('This needs the admin key: send Authorization: Bearer <HARU_ADMIN_KEY>.');
    }
    await next();
  });
}
