import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { json, newRouter, type RouteDeps } from './router.ts';

const Health = z.object({ status: z.literal('ok') }).openapi('Health');

export function healthRoutes(deps: RouteDeps) {
  return newRouter().openapi(
    createRoute({
      method: 'get',
      path: '/healthz',
      tags: ['Health'],
      summary: 'Liveness and database check',
      responses: { 200: json(Health, 'The gateway and its database answer') },
    }),
    async (c) => {
      await sql`select 1`.execute(deps.db);
      return c.json({ status: 'ok' as const }, 200);
    },
  );
}
