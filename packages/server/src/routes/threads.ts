import { createRoute, z } from '@hono/zod-openapi';
import { badRequest, notFound } from '../errors.ts';
import { ListQuery } from '../schemas/common.ts';
import {
  CreateThreadRequest,
  ModifyThreadRequest,
  Thread,
  ThreadDeleted,
  ThreadList,
} from '../schemas/thread.ts';
import { insertThread } from '../storage/insert-thread.ts';
import { ownedThread } from '../storage/owned-lookups.ts';
import { setMetadata } from '../storage/set-metadata.ts';
import { storesFor } from '../storage/stores.ts';
import { createKeepingAnswer } from './idempotency.ts';
import { ThreadParams } from './path-params.ts';
import { errorResponses, json, newRouter, type RouteDeps, security } from './router.ts';

const tags = ['Threads'];

const ListThreadsQuery = ListQuery.extend({
  'metadata[day]': z.string().optional().openapi({
    description: 'Only threads whose metadata `day` is this value. Any key works: `metadata[KEY]=VALUE`.',
  }),
});

export function threadRoutes(deps: RouteDeps) {
  const all = storesFor(deps.db);

  return newRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/threads',
        tags,
        security,
        summary: 'Create a thread, optionally with its first messages',
        request: {
          body: { content: { 'application/json': { schema: CreateThreadRequest } }, required: false },
        },
        responses: { 200: json(Thread, 'The new thread'), ...errorResponses },
      }),
      async (c) => {
        const input = c.req.valid('json') ?? {};
        const thread = await createKeepingAnswer(c, deps.db, (tx) => insertThread(tx, c.var.userId, input));
        return c.json(thread, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/threads',
        tags,
        security,
        summary: "List the user's threads (Haru extension)",
        description:
          "Not in OpenAI's API: the caller's own threads, newest first by default, with the usual cursors. Filter by metadata with `metadata[KEY]=VALUE`, for example `metadata[day]=2026-11-25`.",
        request: { query: ListThreadsQuery },
        responses: { 200: json(ThreadList, 'A page of threads'), ...errorResponses },
      }),
      async (c) => {
        const metadata = metadataFilter(c.req.query());
        return c.json(await all.threads.list(c.var.userId, c.req.valid('query'), {}, metadata), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/threads/{thread_id}',
        tags,
        security,
        summary: 'Retrieve a thread',
        request: { params: ThreadParams },
        responses: { 200: json(Thread, 'The thread'), ...errorResponses },
      }),
      async (c) => c.json(await ownedThread(all, c.var.userId, c.req.valid('param').thread_id), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/threads/{thread_id}',
        tags,
        security,
        summary: "Modify a thread's metadata",
        request: {
          params: ThreadParams,
          body: { content: { 'application/json': { schema: ModifyThreadRequest } }, required: true },
        },
        responses: { 200: json(Thread, 'The modified thread'), ...errorResponses },
      }),
      async (c) => {
        const { metadata } = c.req.valid('json');
        const thread = await setMetadata(
          deps.db,
          metadata,
          (tx) => ownedThread(tx, c.var.userId, c.req.valid('param').thread_id),
          (tx, modified) => tx.threads.update(c.var.userId, modified),
        );
        return c.json(thread, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/threads/{thread_id}',
        tags,
        security,
        summary: 'Delete a thread with its messages and runs',
        description: 'A run in progress on the thread is cancelled first.',
        request: { params: ThreadParams },
        responses: { 200: json(ThreadDeleted, 'Deletion status'), ...errorResponses },
      }),
      async (c) => {
        const id = c.req.valid('param').thread_id;
        const activeRun = await all.runs.activeInThread(c.var.userId, id);
        if (activeRun) {
          await deps.engine.cancel(c.var.userId, activeRun);
          await deps.engine.settled(activeRun.id);
        }
        if (!(await all.threads.remove(c.var.userId, id))) throw notFound('thread', id);
        return c.json({ id, object: 'thread.deleted' as const, deleted: true }, 200);
      },
    );
}

/** `metadata[day]=2026-11-25` query parameters as `{ day: '2026-11-25' }`. */
function metadataFilter(query: Record<string, string>): Record<string, string> {
  const filter: Record<string, string> = {};
  for (const [name, value] of Object.entries(query)) {
    if (!name.startsWith('metadata[')) continue;
    const key = name.match(/^metadata\[([\w.-]{1,64})\]$/)?.[1];
    if (!key)
      throw badRequest(
        `Invalid '${name}': filter by metadata as metadata[KEY]=VALUE with a key of letters, digits, '_', '-' or '.'.`,
        name,
      );
    filter[key] = value;
  }
  return filter;
}
