import { createRoute } from '@hono/zod-openapi';
import { notFound } from '../errors.ts';
import { ListQuery } from '../schemas/common.ts';
import { RunStep, RunStepList, servedStep } from '../schemas/step.ts';
import { ownedRun } from '../storage/owned-lookups.ts';
import { storesFor } from '../storage/stores.ts';
import { RunParams, StepParams } from './path-params.ts';
import { errorResponses, json, newRouter, type RouteDeps, security } from './router.ts';

const tags = ['Run steps'];

export function stepRoutes(deps: RouteDeps) {
  const all = storesFor(deps.db);

  return newRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/threads/{thread_id}/runs/{run_id}/steps',
        tags,
        security,
        summary: "List a run's steps",
        request: { params: RunParams, query: ListQuery },
        responses: { 200: json(RunStepList, 'A page of run steps'), ...errorResponses },
      }),
      async (c) => {
        const { thread_id, run_id } = c.req.valid('param');
        await ownedRun(all, c.var.userId, thread_id, run_id);
        const page = await all.steps.list(c.var.userId, c.req.valid('query'), { run_id });
        return c.json({ ...page, data: page.data.map(servedStep) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/threads/{thread_id}/runs/{run_id}/steps/{step_id}',
        tags,
        security,
        summary: 'Retrieve a run step',
        request: { params: StepParams },
        responses: { 200: json(RunStep, 'The run step'), ...errorResponses },
      }),
      async (c) => {
        const { thread_id, run_id, step_id } = c.req.valid('param');
        await ownedRun(all, c.var.userId, thread_id, run_id);
        const step = await all.steps.findWhere(c.var.userId, { run_id, id: step_id });
        if (!step) throw notFound('run step', step_id);
        return c.json(servedStep(step), 200);
      },
    );
}
