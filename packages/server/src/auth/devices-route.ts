import { createRoute, z } from '@hono/zod-openapi';
import { notFound } from '../errors.ts';
import { nowSeconds } from '../ids.ts';
import { errorResponses, json, newRouter, type RouteDeps, security } from '../routes/router.ts';
import { deviceStore } from '../storage/device-store.ts';
import { linkCodeStore } from '../storage/link-code-store.ts';
import { DeviceRegistration } from './device-route.ts';
import { hashToken, newDeviceToken } from './device-tokens.ts';
import { hashCode, newCode } from './one-time-codes.ts';

const linkCodeSeconds = 10 * 60;
const tags = ['Auth'];

const LinkCode = z
  .object({
    code: z.string().openapi({ example: 'K7QM-2XPA' }),
    expires_at: z.int().openapi({ description: 'Unix seconds; the code works once, until then.' }),
  })
  .openapi('LinkCode');

const Device = z
  .object({
    id: z.string().openapi({ example: 'device_abc123' }),
    created_at: z.int(),
    last_used_at: z.int().nullable().openapi({ description: 'Unix seconds, to the minute.' }),
    current: z.boolean().openapi({ description: 'Whether this is the device making the request.' }),
    name: z.string().optional(),
  })
  .openapi('Device');

const DeviceList = z.object({ object: z.literal('list'), data: z.array(Device) }).openapi('DeviceList');

const DeviceDeleted = z
  .object({ id: z.string(), object: z.literal('device.deleted'), deleted: z.boolean() })
  .openapi('DeviceDeleted');

const DeviceParams = z.object({
  device_id: z
    .string()
    .max(64)
    .openapi({ param: { name: 'device_id', in: 'path' }, example: 'device_abc123' }),
});

/** A signed-in user's devices: a code to add another, the list, signing one out, a new token for this one. */
export function accountDeviceRoutes(deps: RouteDeps) {
  const devices = deviceStore(deps.db);
  const linkCodes = linkCodeStore(deps.db);
  return newRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/link-code',
        tags,
        security,
        summary: 'Make a code that adds another device to this user',
        description:
          'The code works once, for 10 minutes: the other device sends it as `link_code` to POST /auth/device and gets its own token for the same user.',
        responses: { 201: json(LinkCode, 'The one-time code'), 401: errorResponses[401] },
      }),
      async (c) => {
        const code = newCode(2);
        const expiresAt = nowSeconds() + linkCodeSeconds;
        await linkCodes.insert({ codeHash: hashCode(code), userId: c.var.userId, expiresAt });
        return c.json({ code, expires_at: expiresAt }, 201);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/auth/devices',
        tags,
        security,
        summary: "List this user's devices",
        responses: {
          200: json(DeviceList, 'Every signed-in device, oldest first'),
          401: errorResponses[401],
        },
      }),
      async (c) => {
        const rows = await devices.list(c.var.userId);
        const data = rows.map((row) => ({
          id: row.id,
          created_at: row.created_at,
          last_used_at: row.last_used_at,
          current: row.id === c.var.deviceId,
          ...(row.name !== null && { name: row.name }),
        }));
        return c.json({ object: 'list' as const, data }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/auth/devices/{device_id}',
        tags,
        security,
        summary: 'Sign a device out',
        description: "The device's token stops working at once. Its user's data stays.",
        request: { params: DeviceParams },
        responses: { 200: json(DeviceDeleted, 'Deletion status'), ...errorResponses },
      }),
      async (c) => {
        const id = c.req.valid('param').device_id;
        if (!(await devices.remove(c.var.userId, id))) throw notFound('device', id);
        await linkCodes.removeForUser(c.var.userId);
        deps.logger.info({ userId: c.var.userId, deviceId: id }, 'device signed out');
        return c.json({ id, object: 'device.deleted' as const, deleted: true }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/rotate',
        tags,
        security,
        summary: "Replace this device's token",
        description:
          'Answers a new token for the device making the request; its old token stops working at once.',
        responses: { 201: json(DeviceRegistration, 'The new token'), 401: errorResponses[401] },
      }),
      async (c) => {
        const token = newDeviceToken();
        await devices.replaceToken(c.var.deviceId, hashToken(token), nowSeconds());
        return c.json({ token, user_id: c.var.userId }, 201);
      },
    );
}
