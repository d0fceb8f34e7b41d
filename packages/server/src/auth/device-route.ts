import { createRoute, z } from '@hono/zod-openapi';
import { ApiError } from '../errors.ts';
import { newId, nowSeconds } from '../ids.ts';
import { clientAddress } from '../limits/client-address.ts';
import { rateLimit } from '../limits/request-rate.ts';
import { errorResponses, json, newRouter, type RouteDeps } from '../routes/router.ts';
import { ErrorBody } from '../schemas/common.ts';
import { inTransaction, type Stores } from '../storage/stores.ts';
import { hashToken, newDeviceToken } from './device-tokens.ts';
import { hashCode } from './one-time-codes.ts';
import type { SignupPolicy } from './signup-policy.ts';

export const DeviceRegistration = z
  .object({
    token: z
      .string()
      .openapi({ description: 'Bearer token for every /v1 request. Shown once; keep it secret.' }),
    user_id: z.string().openapi({ example: 'user_abc123' }),
  })
  .openapi('DeviceRegistration');

const RegisterDeviceRequest = z
  .object({
    invite_code: z
      .string()
      .max(64)
      .optional()
      .openapi({ description: "An invite from the gateway's owner; needed while sign-up is by invite." }),
    link_code: z.string().max(64).optional().openapi({
      description: 'A code from POST /auth/link-code on a signed-in device: this device joins that user.',
    }),
    name: z
      .string()
      .max(256)
      .optional()
      .openapi({ description: 'A name for this device, shown in its list.' }),
  })
  .openapi('RegisterDeviceRequest');

export interface RegistrationOptions {
  signup: SignupPolicy;
  trustProxy: boolean;
  signupsPerHour: number;
}

const forbidden = (message: string, code: string) =>
  new ApiError(403, message, { type: 'invalid_request_error', code });

export function deviceRoutes(deps: RouteDeps, options: RegistrationOptions) {
  const takeSignup = rateLimit('registering devices from one address', 'devices');
  return newRouter().openapi(
    createRoute({
      method: 'post',
      path: '/auth/device',
      tags: ['Auth'],
      summary: 'Register a device',
      description:
        "Without a body: a new user with a random token, while the gateway's sign-up is open. With `invite_code`: a new user, while sign-up is by invite. With `link_code`: another device of the user who made the code, whatever the sign-up policy. Everything created with a user's tokens belongs to that user alone.",
      request: {
        body: { content: { 'application/json': { schema: RegisterDeviceRequest } }, required: false },
      },
      responses: {
        201: json(DeviceRegistration, 'The device token and its user'),
        400: errorResponses[400],
        403: json(ErrorBody, 'Sign-up is closed, or the invite or link code is not valid'),
        429: json(ErrorBody, 'Too many registrations from this address'),
      },
    }),
    async (c) => {
      await takeSignup(clientAddress(c, options.trustProxy), options.signupsPerHour, 3600);
      const request = c.req.valid('json') ?? {};
      const token = newDeviceToken();
      const now = nowSeconds();
      const userId = await inTransaction(deps.db, async (tx) => {
        const existingUser = request.link_code
          ? await tx.linkCodes.redeem(hashCode(request.link_code), now)
          : undefined;
        if (request.link_code && !existingUser) {
          throw forbidden(
            'This link code is not valid: it was already used, has expired (codes last 10 minutes), or was mistyped. Make a new one on your signed-in device.',
            'invalid_link_code',
          );
        }
        if (!existingUser) await admitNewUser(tx, request.invite_code, now);
        const id = existingUser ?? newId('user');
        if (!existingUser) await tx.users.insert({ id, createdAt: now });
        await tx.devices.insert({
          id: newId('device'),
          userId: id,
          tokenHash: hashToken(token),
          createdAt: now,
          name: request.name,
        });
        return id;
      });
      deps.logger.info({ userId, linked: Boolean(request.link_code) }, 'device registered');
      return c.json({ token, user_id: userId }, 201);
    },
  );

  async function admitNewUser(tx: Stores, inviteCode: string | undefined, now: number) {
    if (options.signup === 'open') return;
    if (options.signup === 'closed') {
      throw forbidden(
        "This gateway is not taking new users. Ask its owner, or link this device to your account with a code from a device you've signed in on.",
        'signup_closed',
      );
    }
    if (!inviteCode) {
      throw forbidden(
        'This gateway takes new users by invite: send {"invite_code": "..."} with a code from its owner.',
        'invite_required',
      );
    }
    if (!(await tx.invites.redeem(hashCode(inviteCode), now))) {
      throw forbidden(
        'This invite code is not valid: it was already used, has expired, or was mistyped.',
        'invalid_invite_code',
      );
    }
  }
}
