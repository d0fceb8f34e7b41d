import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { runOnThread, threadAndRun } from '../engine/queue-run.ts';
import { badRequest, notFound } from '../errors.ts';
import { ListQuery } from '../schemas/common.ts';
import {
  activeRunStatuses,
  CreateRunRequest,
  CreateThreadAndRunRequest,
  ModifyRunRequest,
  Run,
  RunList,
  SubmitToolOutputsRequest,
} from '../schemas/run.ts';
import { ownedRun, ownedThread } from '../storage/owned-lookups.ts';
import { setMetadata } from '../storage/set-metadata.ts';
import { type Stores, storesFor } from '../storage/stores.ts';
import { jsonAnswer, keepAnswer, streamAnswer } from './idempotency.ts';
import { requireKnownModel } from './known-model.ts';
import { RunParams, ThreadParams } from './path-params.ts';
import { lastEventId, ResumeQuery } from './resume.ts';
import { type AppEnv, errorResponses, json, newRouter, type RouteDeps, security } from './router.ts';
import { runEventStream } from './run-event-stream.ts';

const tags = ['Runs'];

const runOrStream = {
  content: {
    'application/json': { schema: Run },
    'text/event-stream': {
      schema: z.string().openapi({
        description:
          'With `stream: true`: thread.run.*, thread.run.step.*, thread.message.* events, then `done`.',
      }),
    },
  },
  description: 'The queued run, or with `stream: true` the run as Server-Sent Events',
};

export function runRoutes(deps: RouteDeps) {
  const all = storesFor(deps.db);

  return newRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/threads/runs',
        tags,
        security,
        summary: 'Create a thread and run it',
        request: {
          body: { content: { 'application/json': { schema: CreateThreadAndRunRequest } }, required: true },
        },
        responses: { 200: runOrStream, ...errorResponses },
      }),
      async (c) => {
        const reconnectAfter = lastEventId(c, 'header');
        if (reconnectAfter !== undefined) return reconnect(c, reconnectAfter);
        const params = c.req.valid('json');
        requireKnownModel(deps.models, params.model ?? undefined);
        const { run } = await deps.engine.begin(c.var.userId, async (tx) =>
          keepingRunAnswer(c, tx, params.stream, await threadAndRun(tx, c.var.userId, params)),
        );
        return params.stream ? streamRun(c, run) : runJson(c, run);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/threads/{thread_id}/runs',
        tags,
        security,
        summary: 'Create a run',
        description:
          'Answers the queued run at once and generates in the background, or streams it with `stream: true`.',
        request: {
          params: ThreadParams,
          body: { content: { 'application/json': { schema: CreateRunRequest } }, required: true },
        },
        responses: { 200: runOrStream, ...errorResponses },
      }),
      async (c) => {
        const { thread_id } = c.req.valid('param');
        const reconnectAfter = lastEventId(c, 'header');
        if (reconnectAfter !== undefined) return reconnect(c, reconnectAfter, thread_id);
        const params = c.req.valid('json');
        requireKnownModel(deps.models, params.model ?? undefined);
        const { run } = await deps.engine.begin(c.var.userId, async (tx) =>
          keepingRunAnswer(c, tx, params.stream, await runOnThread(tx, c.var.userId, thread_id, params)),
        );
        return params.stream ? streamRun(c, run) : runJson(c, run);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/threads/{thread_id}/runs',
        tags,
        security,
        summary: "List a thread's runs",
        request: { params: ThreadParams, query: ListQuery },
        responses: { 200: json(RunList, 'A page of runs'), ...errorResponses },
      }),
      async (c) => {
        const { thread_id } = c.req.valid('param');
        await ownedThread(all, c.var.userId, thread_id);
        return c.json(await all.runs.list(c.var.userId, c.req.valid('query'), { thread_id }), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/threads/{thread_id}/runs/{run_id}',
        tags,
        security,
        summary: 'Retrieve a run',
        request: { params: RunParams },
        responses: { 200: json(Run, 'The run'), ...errorResponses },
      }),
      async (c) => {
        const { thread_id, run_id } = c.req.valid('param');
        const run = await ownedRun(all, c.var.userId, thread_id, run_id);
        return runJson(c, await deps.engine.expireIfDue(c.var.userId, run));
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/threads/{thread_id}/runs/{run_id}',
        tags,
        security,
        summary: "Modify a run's metadata",
        request: {
          params: RunParams,
          body: { content: { 'application/json': { schema: ModifyRunRequest } }, required: true },
        },
        responses: { 200: json(Run, 'The modified run'), ...errorResponses },
      }),
      async (c) => {
        const { thread_id, run_id } = c.req.valid('param');
        const { metadata } = c.req.valid('json');
        const run = await setMetadata(
          deps.db,
          metadata,
          (tx) => ownedRun(tx, c.var.userId, thread_id, run_id),
          (tx, modified) => tx.runs.update(c.var.userId, modified),
        );
        deps.engine.metadataChanged(run.id, 'run', run.id, run.metadata);
        return runJson(c, run);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/threads/{thread_id}/runs/{run_id}/cancel',
        tags,
        security,
        summary: 'Cancel a run in progress',
        description:
          'Generation stops within a second; the partial reply is kept as an `incomplete` message.',
        request: { params: RunParams },
        responses: { 200: json(Run, 'The run, now `cancelling`'), ...errorResponses },
      }),
      async (c) => {
        const { thread_id, run_id } = c.req.valid('param');
        const run = await ownedRun(all, c.var.userId, thread_id, run_id);
        const cancelling = isActive(run) ? await deps.engine.cancel(c.var.userId, run) : undefined;
        if (cancelling) return runJson(c, cancelling);
        const latest = await ownedRun(all, c.var.userId, thread_id, run_id);
        throw badRequest(`Cannot cancel run with status '${latest.status}'.`);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/threads/{thread_id}/runs/{run_id}/submit_tool_outputs',
        tags,
        security,
        summary: 'Submit function outputs to a run',
        description:
          'For a run in `requires_action`: the outputs of every call in `required_action`, submitted together. The run goes on from there, streamed with `stream: true`.',
        request: {
          params: RunParams,
          body: { content: { 'application/json': { schema: SubmitToolOutputsRequest } }, required: true },
        },
        responses: { 200: runOrStream, ...errorResponses },
      }),
      async (c) => {
        const { thread_id, run_id } = c.req.valid('param');
        const { tool_outputs, stream } = c.req.valid('json');
        const waiting = await deps.engine.expireIfDue(
          c.var.userId,
          await ownedRun(all, c.var.userId, thread_id, run_id),
        );
        if (waiting.status === 'expired') {
          throw badRequest(`Run ${run_id} expired: its tool outputs came after its expires_at.`);
        }
        if (waiting.status !== 'requires_action') {
          throw badRequest(`Runs in status '${waiting.status}' do not accept tool outputs.`);
        }
        const { run, storedUpTo } = await deps.engine.submitToolOutputs(c.var.userId, waiting, tool_outputs);
        if (!stream) return runJson(c, run);
        return runEventStream(c, deps.engine.events(c.var.userId, run, storedUpTo));
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/threads/{thread_id}/runs/{run_id}/stream',
        tags,
        security,
        summary: "Resume a run's stream (Haru extension)",
        description:
          "Not in OpenAI's API: replays the run's events after the one named by a `Last-Event-ID` header (or `after`), then follows the run live until `done`. For a run that has ended it replays what is left and closes. Events are kept for an hour after a run ends, across restarts.",
        request: { params: RunParams, query: ResumeQuery },
        responses: { 200: runOrStream, ...errorResponses },
      }),
      async (c) => {
        const { thread_id, run_id } = c.req.valid('param');
        const run = await ownedRun(all, c.var.userId, thread_id, run_id);
        return runEventStream(c, deps.engine.events(c.var.userId, run, lastEventId(c) ?? 0));
      },
    );

  /** A stream of the run from its first event. */
  function streamRun(c: Context<AppEnv>, run: Run) {
    return runEventStream(c, deps.engine.events(c.var.userId, run, 0));
  }

  /**
   * EventSource sends `Last-Event-ID` only when it reconnects, so a create carrying one asks for the
   * stream it lost, not for another run: the newest run this user made on the thread, after that id.
   */
  async function reconnect(c: Context<AppEnv>, afterId: number, threadId?: string) {
    if (threadId !== undefined) await ownedThread(all, c.var.userId, threadId);
    const run = await all.runs.newest(c.var.userId, threadId);
    if (!run) throw notFound('run to reconnect to on thread', threadId ?? '');
    // An Idempotency-Key on the reconnect stands for this run's stream too.
    c.set('streamedRun', run);
    return runEventStream(c, deps.engine.events(c.var.userId, run, afterId));
  }
}

/** The new run, with the answer a repeat of its Idempotency-Key gets kept in the run's own transaction. */
async function keepingRunAnswer<Created extends { run: Run }>(
  c: Context<AppEnv>,
  tx: Stores,
  stream: boolean | null | undefined,
  created: Created,
): Promise<Created> {
  await keepAnswer(c, tx, stream ? streamAnswer(created.run) : jsonAnswer(created.run));
  return created;
}

const isActive = (run: Run) => (activeRunStatuses as readonly string[]).includes(run.status);

/**
 * A run as JSON; while it is active, tells pollers (the openai SDK's `createAndPoll`) to look again
 * soon, but no sooner than lets a user's most runs at once, each polled, stay within their request rate.
 */
function runJson(c: Context<AppEnv>, run: Run) {
  if (isActive(run)) c.header('openai-poll-after-ms', String(pollAfterMs(c.var.requestsPerMinute)));
  return c.json(run, 200);
}

const pollAfterMs = (requestsPerMinute = Number.POSITIVE_INFINITY) =>
  Math.max(250, Math.ceil((60_000 * pollersAtOnce) / requestsPerMinute));
/** The default limit of runs per user, and one more for the app's other requests. */
const pollersAtOnce = 5;
