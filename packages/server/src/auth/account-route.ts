import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, json, newRouter, type RouteDeps, security } from '../routes/router.ts';
import { eraseUser } from './erase-user.ts';

export const UserDeleted = z
  .object({
    id: z.string().openapi({ example: 'user_abc123' }),
    object: z.literal('user.deleted'),
    deleted: z.boolean(),
  })
  .openapi('UserDeleted');

/** The signed-in user's account as a whole: erasing it. */
export function accountRoutes(deps: RouteDeps) {
  return newRouter().openapi(
    createRoute({
      method: 'delete',
      path: '/auth/account',
      tags: ['Auth'],
      security,
      summary: 'Erase this user and everything they made',
      description:
        "Every thread, message, run and run step, the user's own assistants, and every device: runs in progress are cancelled first. Every token of the user stops working at once. This cannot be undone.",
      responses: { 200: json(UserDeleted, 'Deletion status'), 401: errorResponses[401] },
    }),
    async (c) => {
      const id = c.var.userId;
      // Another device of the user may have erased it a moment ago: gone either way.
      await eraseUser(deps.db, deps.engine, id);
      deps.logger.info({ userId: id }, 'user erased their account');
      return c.json({ id, object: 'user.deleted' as const, deleted: true }, 200);
    },
  );
}
