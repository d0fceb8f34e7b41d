import { createRoute } from '@hono/zod-openapi';
import { badRequest } from '../errors.ts';
import { ListQuery } from '../schemas/common.ts';
import {
  CreateMessageRequest,
  ListMessagesQuery,
  Message,
  MessageDeleted,
  MessageList,
  ModifyMessageRequest,
} from '../schemas/message.ts';
import { insertMessages } from '../storage/insert-thread.ts';
import { ownedMessage, ownedThread } from '../storage/owned-lookups.ts';
import { setMetadata } from '../storage/set-metadata.ts';
import { storesFor } from '../storage/stores.ts';
import { createKeepingAnswer } from './idempotency.ts';
import { MessageParams, ThreadParams } from './path-params.ts';
import { errorResponses, json, newRouter, type RouteDeps, security } from './router.ts';

const tags = ['Messages'];

export function messageRoutes(deps: RouteDeps) {
  const all = storesFor(deps.db);

  return newRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/threads/{thread_id}/messages',
        tags,
        security,
        summary: 'Add a message to a thread',
        request: {
          params: ThreadParams,
          body: { content: { 'application/json': { schema: CreateMessageRequest } }, required: true },
        },
        responses: { 200: json(Message, 'The new message'), ...errorResponses },
      }),
      async (c) => {
        const { thread_id } = c.req.valid('param');
        const input = c.req.valid('json');
        const message = await createKeepingAnswer(c, deps.db, async (tx) => {
          await ownedThread(tx, c.var.userId, thread_id);
          const activeRun = await tx.runs.activeInThread(c.var.userId, thread_id);
          if (activeRun)
            throw badRequest(`Can't add messages to ${thread_id} while a run ${activeRun.id} is active.`);
          const [created] = await insertMessages(tx, c.var.userId, thread_id, [input]);
          return created as Message;
        });
        return c.json(message, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/threads/{thread_id}/messages',
        tags,
        security,
        summary: "List a thread's messages",
        request: { params: ThreadParams, query: ListQuery.extend(ListMessagesQuery.shape) },
        responses: { 200: json(MessageList, 'A page of messages'), ...errorResponses },
      }),
      async (c) => {
        const { thread_id } = c.req.valid('param');
        const { run_id, ...page } = c.req.valid('query');
        await ownedThread(all, c.var.userId, thread_id);
        const filter: Record<string, string> = run_id === undefined ? { thread_id } : { thread_id, run_id };
        return c.json(await all.messages.list(c.var.userId, page, filter), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/threads/{thread_id}/messages/{message_id}',
        tags,
        security,
        summary: 'Retrieve a message',
        request: { params: MessageParams },
        responses: { 200: json(Message, 'The message'), ...errorResponses },
      }),
      async (c) => {
        const { thread_id, message_id } = c.req.valid('param');
        return c.json(await ownedMessage(all, c.var.userId, thread_id, message_id), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/threads/{thread_id}/messages/{message_id}',
        tags,
        security,
        summary: "Modify a message's metadata",
        request: {
          params: MessageParams,
          body: { content: { 'application/json': { schema: ModifyMessageRequest } }, required: true },
        },
        responses: { 200: json(Message, 'The modified message'), ...errorResponses },
      }),
      async (c) => {
        const { thread_id, message_id } = c.req.valid('param');
        const { metadata } = c.req.valid('json');
        const message = await setMetadata(
          deps.db,
          metadata,
          (tx) => ownedMessage(tx, c.var.userId, thread_id, message_id),
          (tx, modified) => tx.messages.update(c.var.userId, modified),
        );
        if (message.run_id)
          deps.engine.metadataChanged(message.run_id, 'reply', message.id, message.metadata);
        return c.json(message, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/threads/{thread_id}/messages/{message_id}',
        tags,
        security,
        summary: 'Delete a message',
        request: { params: MessageParams },
        responses: { 200: json(MessageDeleted, 'Deletion status'), ...errorResponses },
      }),
      async (c) => {
        const { thread_id, message_id } = c.req.valid('param');
        await ownedMessage(all, c.var.userId, thread_id, message_id);
        await all.messages.remove(c.var.userId, message_id);
        return c.json({ id: message_id, object: 'thread.message.deleted' as const, deleted: true }, 200);
      },
    );
}
