import type { Http } from '../http.ts';
import { idempotencyKeyHeader } from '../idempotency-key.ts';
import { type PollOptions, pollRunUntilDone } from '../poll-run.ts';
import { chooseRecovery, type RecoveryChoice } from '../stream/choose-recovery.ts';
import { createRunStream } from '../stream/run-stream.ts';
import type { SseTransport } from '../stream/transport.ts';
import type { Run, RunParams, ToolOutput } from '../types.ts';

export interface RunsOptions {
  transport: SseTransport;
  recovery?: RecoveryChoice;
  poll?: PollOptions;
  streamIdleTimeoutMs?: number;
}

export const runsApi = (http: Http, options: RunsOptions) => {
  const recovery = chooseRecovery(options.recovery ?? 'resume', http, options.transport, {
    poll: options.poll,
    idleTimeoutMs: options.streamIdleTimeoutMs,
  });
  const runs = {
    create: (threadId: string, params: RunParams) =>
      http.request<Run>('POST', `/v1/threads/${threadId}/runs`, {
        body: params,
        headers: idempotencyKeyHeader(),
      }),
    retrieve: (threadId: string, runId: string) =>
      http.request<Run>('GET', `/v1/threads/${threadId}/runs/${runId}`),
    cancel: (threadId: string, runId: string) =>
      http.request<Run>('POST', `/v1/threads/${threadId}/runs/${runId}/cancel`),

    /** Creates a run and streams it; see RunStream. The request that creates the run is sent exactly once. */
    stream: (threadId: string, params: RunParams) =>
      streamFrom(threadId, `/v1/threads/${threadId}/runs`, params, idempotencyKeyHeader()),

    /** Gives a run in `requires_action` the outputs of every call it asked for; it goes on generating. */
    submitToolOutputs: (threadId: string, runId: string, toolOutputs: ToolOutput[]) =>
      http.request<Run>('POST', `/v1/threads/${threadId}/runs/${runId}/submit_tool_outputs`, {
        body: { tool_outputs: toolOutputs },
      }),

    /** Submits the outputs and streams the rest of the run, as `stream` does. */
    submitToolOutputsStream: (threadId: string, runId: string, toolOutputs: ToolOutput[]) =>
      streamFrom(threadId, `/v1/threads/${threadId}/runs/${runId}/submit_tool_outputs`, {
        tool_outputs: toolOutputs,
      }),

    /** Submits the outputs, then polls the run until it ends or asks for more. */
    async submitToolOutputsAndPoll(
      threadId: string,
      runId: string,
      toolOutputs: ToolOutput[],
      poll: PollOptions = {},
    ) {
      await runs.submitToolOutputs(threadId, runId, toolOutputs);
      return pollRunUntilDone(http, threadId, runId, { ...options.poll, ...poll });
    },

    /**
     * Follows a run that is already going (found after a reload, or started elsewhere) on the gateway's
     * resume route from its first event; a drop is recovered like any stream. Creates nothing.
     */
    follow(threadId: string, runId: string) {
      return createRunStream({
        threadId,
        recovery,
        cancel: (id) => runs.cancel(threadId, id),
        ...(options.streamIdleTimeoutMs !== undefined && { idleTimeoutMs: options.streamIdleTimeoutMs }),
        open: async function* (signal) {
          yield* options.transport({
            url: http.url(`/v1/threads/${threadId}/runs/${runId}/stream`, { after: '0' }),
            method: 'GET',
            headers: await http.headers({ 'last-event-id': '0' }),
            signal,
          });
        },
      });
    },

    /** For networks that block streaming: creates the run, then polls it to its end. */
    async createAndPoll(threadId: string, params: RunParams, poll: PollOptions = {}) {
      const run = await runs.create(threadId, params);
      return pollRunUntilDone(http, threadId, run.id, { ...options.poll, ...poll });
    },
  };
  function streamFrom(threadId: string, path: string, body: object, headers: Record<string, string> = {}) {
    return createRunStream({
      threadId,
      recovery,
      cancel: (runId) => runs.cancel(threadId, runId),
      ...(options.streamIdleTimeoutMs !== undefined && { idleTimeoutMs: options.streamIdleTimeoutMs }),
      open: async function* (signal) {
        yield* options.transport({
          url: http.url(path),
          method: 'POST',
          headers: await http.headers({ 'content-type': 'application/json', ...headers }),
          body: JSON.stringify({ ...body, stream: true }),
          signal,
        });
      },
    });
  }

  return runs;
};
