import { createRoute, z } from '@hono/zod-openapi';
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

const Invite = z
  .object({
    code: z.string().openapi({ example: 'K7QM-2XPA-9RTW-HC4N' }),
    expires_at: z.int(),
    uses: z.int(),
  })
  .openapi('Invite');

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
const AssistantParams = z.object({
  assistant_id: z
    .string()
    .max(64)
    .openapi({ param: { name: 'assistant_id', in: 'path' }, example: 'asst_abc123' }),
});

/** The owner's API, behind HARU_ADMIN_KEY: invites, users and their quotas, and the shared assistants. */
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
        await all.invites.insert({
          codeHash: hashCode(code),
          uses,
          createdAt: now,
          expiresAt: now + expires_in,
        });
        deps.logger.info({ uses, expiresIn: expires_in }, 'invite created');
        return c.json({ code, expires_at: now + expires_in, uses }, 201);
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
