import { createRoute, z } from '@hono/zod-openapi';
import { UserDeleted } from '../auth/account-route.ts';
import { eraseUser } from '../auth/erase-user.ts';
import { hashCode, newCode } from '../auth/one-time-codes.ts';
import { notFound } from '../errors.ts';
import { newId, nowSeconds } from '../ids.ts';
import { errorResponses, json, newRouter, type RouteDeps } from '../routes/router.ts';
import {
  Assistant,
  AssistantDeleted,
  CreateAssistantRequest,
  ModifyAssistantRequest,
  newAssistant,
  withAssistantChanges,
} from '../schemas/assistant.ts';
import { sharedAssistants } from '../seed/shared-assistants.ts';
import { sharedOwnerId } from '../storage/assistant-store.ts';
import type { InviteSummary } from '../storage/invite-store.ts';
import { storesFor } from '../storage/stores.ts';
import { usageStore, utcDay } from '../storage/usage-store.ts';
import type { UserSummary } from '../storage/user-store.ts';
import { markedShared } from './shared-assistant.ts';

const tags = ['Admin'];
const security = [{ adminKey: [] }];
const day = 86_400;

const CreateInviteRequest = z
  .object({
    uses: z
      .int()
      .min(1)
      .max(1_000_000)
      .default(1)
      .openapi({ description: 'How many devices may register with it.' }),
    expires_in: z
      .int()
      .min(60)
      .max(365 * day)
      .default(7 * day)
      .openapi({ description: 'Seconds until it expires; a week by default.' }),
  })
  .openapi('CreateInviteRequest');

const AdminInvite = z
  .object({
    id: z.string().openapi({ example: 'invite_abc123' }),
    created_at: z.int(),
    expires_at: z.int(),
    uses: z.int().openapi({ description: 'How many devices it was made for.' }),
    uses_left: z.int(),
    last_used_at: z.int().nullable(),
  })
  .openapi('AdminInvite');

const Invite = AdminInvite.extend({ code: z.string().openapi({ example: 'K7QM-2XPA-9RTW-HC4N' }) }).openapi(
  'Invite',
);

const InviteDeleted = z
  .object({ id: z.string(), object: z.literal('invite.deleted'), deleted: z.boolean() })
  .openapi('InviteDeleted');

/** A used-up or expired invite stays listed this long after its last use, so the owner sees it was used. */
const listedAfterUseSeconds = 7 * day;

const Limit = z.int().positive().max(Number.MAX_SAFE_INTEGER).nullable();

const Quotas = z
  .object({ rate_limit_rpm: Limit, tokens_per_day: Limit, max_concurrent_runs: Limit })
  .openapi('UserQuotas', { description: "The owner's overrides; null uses the gateway's setting." });

const AdminUser = z
  .object({
    id: z.string(),
    created_at: z.int(),
    last_seen_at: z.int().nullable(),
    token_count: z.int().openapi({ description: 'Signed-in devices, each with its own token.' }),
    usage: z.object({ tokens_today: z.int() }),
    quotas: Quotas,
  })
  .openapi('AdminUser');

const UserParams = z.object({
  user_id: z
    .string()
    .max(64)
    .openapi({ param: { name: 'user_id', in: 'path' }, example: 'user_abc123' }),
});
const InviteParams = z.object({
  invite_id: z
    .string()
    .max(64)
    .openapi({ param: { name: 'invite_id', in: 'path' }, example: 'invite_abc123' }),
});
const AssistantParams = z.object({
  assistant_id: z
    .string()
    .max(64)
    .openapi({ param: { name: 'assistant_id', in: 'path' }, example: 'asst_abc123' }),
});

/** The owner's API, behind HARU_ADMIN_KEY: invites, users (their quotas, erasing one), and the shared assistants. */
export function adminRoutes(deps: RouteDeps) {
  const all = storesFor(deps.db);
  const usage = usageStore(deps.db);

  const summary = async (user: UserSummary, tokensToday?: number) => ({
    ...user,
    usage: {
      tokens_today:
        tokensToday ?? (await usage.tokensByUserSince(utcDay(Date.now()).startMs)).get(user.id) ?? 0,
    },
  });
  const existingUser = async (userId: string) => {
    const [user] = await all.users.list(userId);
    if (!user) throw notFound('user', userId);
    return user;
  };
  const sharedAssistant = async (id: string) => {
    const assistant = await all.assistants.find(sharedOwnerId, id);
    if (!assistant) throw notFound('shared assistant', id);
    return assistant;
  };

  return newRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/admin/invites',
        tags,
        security,
        summary: 'Make an invite code',
        request: {
          body: { content: { 'application/json': { schema: CreateInviteRequest } }, required: false },
        },
        responses: { 201: json(Invite, 'The invite; the code is shown only now'), ...errorResponses },
      }),
      async (c) => {
        const { uses, expires_in } = CreateInviteRequest.parse(c.req.valid('json') ?? {});
        const code = newCode(4);
        const now = nowSeconds();
        const invite: InviteSummary = {
          id: newId('invite'),
          created_at: now,
          expires_at: now + expires_in,
          uses,
          uses_left: uses,
          last_used_at: null,
        };
        // Making one is when the owner tends them: those neither usable nor listed any more are forgotten.
        await all.invites.forgetSpent(now, now - listedAfterUseSeconds);
        await all.invites.insert({ ...invite, codeHash: hashCode(code) });
        deps.logger.info({ inviteId: invite.id, uses, expiresIn: expires_in }, 'invite created');
        return c.json({ ...invite, code }, 201);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/admin/invites',
        tags,
        security,
        summary: 'List invites',
        description:
          'Invites that still work, and those used in the last week; oldest first. Codes are stored only hashed, so none is shown again.',
        responses: {
          200: json(
            z.object({ object: z.literal('list'), data: z.array(AdminInvite) }),
            'The invites, without their codes',
          ),
          401: errorResponses[401],
        },
      }),
      async (c) => {
        const now = nowSeconds();
        const data = await all.invites.list(now, now - listedAfterUseSeconds);
        return c.json({ object: 'list' as const, data }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/admin/invites/{invite_id}',
        tags,
        security,
        summary: 'Revoke an invite',
        description: 'Its code stops working at once. Users who registered with it stay.',
        request: { params: InviteParams },
        responses: { 200: json(InviteDeleted, 'Deletion status'), ...errorResponses },
      }),
      async (c) => {
        const { invite_id } = c.req.valid('param');
        if (!(await all.invites.remove(invite_id))) throw notFound('invite', invite_id);
        deps.logger.info({ inviteId: invite_id }, 'invite revoked');
        return c.json({ id: invite_id, object: 'invite.deleted' as const, deleted: true }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/admin/users',
        tags,
        security,
        summary: 'List users',
        responses: {
          200: json(
            z.object({ object: z.literal('list'), data: z.array(AdminUser) }),
            'Every user, oldest first',
          ),
          401: errorResponses[401],
        },
      }),
      async (c) => {
        const today = await usage.tokensByUserSince(utcDay(Date.now()).startMs);
        const users = await all.users.list();
        const data = await Promise.all(users.map((user) => summary(user, today.get(user.id) ?? 0)));
        return c.json({ object: 'list' as const, data }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/admin/users/{user_id}/revoke',
        tags,
        security,
        summary: 'Sign out every device of a user',
        description: "Every token of the user stops working at once; the user's data stays.",
        request: { params: UserParams },
        responses: {
          200: json(
            z.object({ user_id: z.string(), revoked_tokens: z.int() }),
            'How many tokens were revoked',
          ),
          ...errorResponses,
        },
      }),
      async (c) => {
        const { user_id } = c.req.valid('param');
        await existingUser(user_id);
        const revoked = await all.devices.removeAll(user_id);
        await all.linkCodes.removeForUser(user_id);
        deps.logger.info({ userId: user_id, revoked }, 'user tokens revoked');
        return c.json({ user_id, revoked_tokens: revoked }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/admin/users/{user_id}',
        tags,
        security,
        summary: 'Erase a user and everything they made',
        description:
          "Every thread, message, run and run step, the user's own assistants, and every device: runs in progress are cancelled first. Shared assistants stay. This cannot be undone.",
        request: { params: UserParams },
        responses: { 200: json(UserDeleted, 'Deletion status'), ...errorResponses },
      }),
      async (c) => {
        const { user_id } = c.req.valid('param');
        await existingUser(user_id);
        if (!(await eraseUser(deps.db, deps.engine, user_id))) throw notFound('user', user_id);
        deps.logger.info({ userId: user_id }, 'user erased by the owner');
        return c.json({ id: user_id, object: 'user.deleted' as const, deleted: true }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/admin/users/{user_id}/quotas',
        tags,
        security,
        summary: "Set a user's quotas",
        description: "Fields left out keep their value; null returns a field to the gateway's setting.",
        request: {
          params: UserParams,
          body: { content: { 'application/json': { schema: Quotas.partial() } }, required: true },
        },
        responses: { 200: json(AdminUser, 'The user'), ...errorResponses },
      }),
      async (c) => {
        const { user_id } = c.req.valid('param');
        await existingUser(user_id);
        await all.users.setQuotas(user_id, c.req.valid('json'));
        return c.json(await summary(await existingUser(user_id)), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/admin/assistants',
        tags,
        security,
        summary: 'Create a shared assistant',
        description: 'Visible to every user, read-only to them, and marked `metadata.haru_shared`.',
        request: {
          body: { content: { 'application/json': { schema: CreateAssistantRequest } }, required: true },
        },
        responses: { 200: json(Assistant, 'The shared assistant'), ...errorResponses },
      }),
      async (c) => {
        const assistant = markedShared(newAssistant(newId('asst'), nowSeconds(), c.req.valid('json')));
        await all.assistants.insert(sharedOwnerId, assistant);
        return c.json(assistant, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/admin/assistants/{assistant_id}',
        tags,
        security,
        summary: 'Modify a shared assistant',
        request: {
          params: AssistantParams,
          body: { content: { 'application/json': { schema: ModifyAssistantRequest } }, required: true },
        },
        responses: { 200: json(Assistant, 'The shared assistant'), ...errorResponses },
      }),
      async (c) => {
        const existing = await sharedAssistant(c.req.valid('param').assistant_id);
        const builtIn = sharedAssistants.some((definition) => definition.id === existing.id);
        const assistant = markedShared(withAssistantChanges(existing, c.req.valid('json')), builtIn);
        await all.assistants.update(sharedOwnerId, assistant);
        return c.json(assistant, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/admin/assistants/{assistant_id}',
        tags,
        security,
        summary: 'Delete a shared assistant',
        request: { params: AssistantParams },
        responses: { 200: json(AssistantDeleted, 'Deletion status'), ...errorResponses },
      }),
      async (c) => {
        const { assistant_id } = c.req.valid('param');
        await sharedAssistant(assistant_id);
        await all.assistants.remove(sharedOwnerId, assistant_id);
        return c.json({ id: assistant_id, object: 'assistant.deleted' as const, deleted: true }, 200);
      },
    );
}
