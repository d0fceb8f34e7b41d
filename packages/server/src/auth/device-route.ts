import { createRoute, z } from '@hono/zod-openapi';
import { newId, nowSeconds } from '../ids.ts';
import { json, newRouter, type RouteDeps } from '../routes/router.ts';
import { ErrorBody } from '../schemas/common.ts';
import { userStore } from '../storage/user-store.ts';
import { hashToken, newDeviceToken } from './device-tokens.ts';

const DeviceRegistration = z
  .object({
    token: z
      .string()
      .openapi({ description: 'Bearer token for every /v1 request. Shown once; keep it secret.' }),
    user_id: z.string().openapi({ example: 'user_abc123' }),
  })
  .openapi('DeviceRegistration');

export function deviceRoutes(deps: RouteDeps) {
  const users = userStore(deps.db);
  return newRouter().openapi(
    createRoute({
      method: 'post',
      path: '/auth/device',
      tags: ['Auth'],
      summary: 'Register a device as a new user',
      description:
        'Creates a user with a random token. Everything created with that token belongs to that user alone.',
      responses: {
        201: json(DeviceRegistration, 'The new user and token'),
        500: json(ErrorBody, 'Server error'),
      },
    }),
    async (c) => {
      const token = newDeviceToken();
      const userId = newId('user');
      await users.insert({ id: userId, tokenHash: hashToken(token), createdAt: nowSeconds() });
      deps.logger.info({ userId }, 'device registered');
      return c.json({ token, user_id: userId }, 201);
    },
  );
}
