import { createRoute, z } from '@hono/zod-openapi';
import { ApiError } from '../errors.ts';
import type { ModelInfo } from '../providers/model-catalog.ts';
import { errorResponses, json, newRouter, type RouteDeps, security } from './router.ts';

const tags = ['Models'];

const Model = z
  .object({
    id: z.string(),
    object: z.literal('model'),
    created: z.number().int(),
    owned_by: z.string().openapi({
      description:
        'The backend that answers this model; `haru-offline-companion` for the built-in stand-in that is not a language model.',
    }),
  })
  .openapi('Model');

const ModelList = z.object({ object: z.literal('list'), data: z.array(Model) }).openapi('ListModelsResponse');

const ModelParams = z.object({
  model: z.string().openapi({ param: { name: 'model', in: 'path' }, example: 'gpt-4o-mini' }),
});

// The gateway does not know when a model was made; its start is the honest stand-in.
const startedAt = Math.floor(Date.now() / 1000);

function modelObject(info: ModelInfo) {
  return { id: info.id, object: 'model' as const, created: startedAt, owned_by: info.ownedBy };
}

export function modelRoutes(deps: RouteDeps) {
  return (
    newRouter()
      .openapi(
        createRoute({
          method: 'get',
          path: '/models',
          tags,
          security,
          summary: 'List the models this gateway answers',
          responses: { 200: json(ModelList, 'The configured models'), ...errorResponses },
        }),
        (c) => c.json({ object: 'list' as const, data: deps.models.list().map(modelObject) }, 200),
      )
      .openapi(
        createRoute({
          method: 'get',
          path: '/models/{model}',
          tags,
          security,
          summary: 'Retrieve a model',
          description: 'Any name the routing answers, including names matched by a `prefix*` pattern.',
          request: { params: ModelParams },
          responses: { 200: json(Model, 'The model'), ...errorResponses },
        }),
        (c) => c.json(modelNamed(c.req.valid('param').model), 200),
      )
      // Names like `meta-llama/llama-3.1-8b` reach here unencoded from clients that do not escape the
      // slash (the openai SDK before v5): the documented route above cannot match them.
      .get('/models/:model{.+}', (c) => c.json(modelNamed(c.req.param('model')), 200))
  );

  function modelNamed(model: string) {
    const info = deps.models.find(model);
    if (!info) {
      throw new ApiError(404, `The model '${model}' does not exist on this gateway.`, {
        type: 'invalid_request_error',
        code: 'model_not_found',
      });
    }
    return modelObject(info);
  }
}
