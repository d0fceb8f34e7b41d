import { createRoute } from '@hono/zod-openapi';
import { newId, nowSeconds } from '../ids.ts';
import {
  Assistant,
  AssistantDeleted,
  AssistantList,
  CreateAssistantRequest,
  ModifyAssistantRequest,
  newAssistant,
  withAssistantChanges,
} from '../schemas/assistant.ts';
import { ListQuery } from '../schemas/common.ts';
import { ownedAssistant, visibleAssistant } from '../storage/owned-lookups.ts';
import { storesFor } from '../storage/stores.ts';
import { createKeepingAnswer } from './idempotency.ts';
import { requireKnownModel } from './known-model.ts';
import { AssistantParams } from './path-params.ts';
import { errorResponses, json, newRouter, type RouteDeps, security } from './router.ts';

const tags = ['Assistants'];

export function assistantRoutes(deps: RouteDeps) {
  const all = storesFor(deps.db);
  const { assistants } = all;

  return newRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/assistants',
        tags,
        security,
        summary: 'Create an assistant',
        request: {
          body: { content: { 'application/json': { schema: CreateAssistantRequest } }, required: true },
        },
        responses: { 200: json(Assistant, 'The new assistant'), ...errorResponses },
      }),
      async (c) => {
        const params = c.req.valid('json');
        requireKnownModel(deps.models, params.model);
        const assistant = newAssistant(newId('asst'), nowSeconds(), params);
        await createKeepingAnswer(c, deps.db, async (tx) => {
          await tx.assistants.insert(c.var.userId, assistant);
          return assistant;
        });
        return c.json(assistant, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/assistants',
        tags,
        security,
        summary: 'List assistants',
        request: { query: ListQuery },
        responses: { 200: json(AssistantList, 'A page of assistants'), ...errorResponses },
      }),
      async (c) => c.json(await assistants.listVisible(c.var.userId, c.req.valid('query')), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/assistants/{assistant_id}',
        tags,
        security,
        summary: 'Retrieve an assistant',
        request: { params: AssistantParams },
        responses: { 200: json(Assistant, 'The assistant'), ...errorResponses },
      }),
      async (c) => c.json(await visibleAssistant(all, c.var.userId, c.req.valid('param').assistant_id), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/assistants/{assistant_id}',
        tags,
        security,
        summary: 'Modify an assistant',
        request: {
          params: AssistantParams,
          body: { content: { 'application/json': { schema: ModifyAssistantRequest } }, required: true },
        },
        responses: { 200: json(Assistant, 'The modified assistant'), ...errorResponses },
      }),
      async (c) => {
        const changes = c.req.valid('json');
        requireKnownModel(deps.models, changes.model);
        const existing = await ownedAssistant(all, c.var.userId, c.req.valid('param').assistant_id);
        const assistant = withAssistantChanges(existing, changes);
        await assistants.update(c.var.userId, assistant);
        return c.json(assistant, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/assistants/{assistant_id}',
        tags,
        security,
        summary: 'Delete an assistant',
        request: { params: AssistantParams },
        responses: { 200: json(AssistantDeleted, 'Deletion status'), ...errorResponses },
      }),
      async (c) => {
        const id = c.req.valid('param').assistant_id;
        await ownedAssistant(all, c.var.userId, id);
        await assistants.remove(c.var.userId, id);
        return c.json({ id, object: 'assistant.deleted' as const, deleted: true }, 200);
      },
    );
}
