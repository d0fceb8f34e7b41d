import type { Http } from '../http.ts';
import { type PollOptions, pollRunUntilDone } from '../poll-run.ts';
import { pollingRecovery, type RunRecovery } from '../stream/run-recovery.ts';
import { createRunStream } from '../stream/run-stream.ts';
import type { SseTransport } from '../stream/transport.ts';
import type { Run, RunParams } from '../types.ts';

export interface RunsOptions {
  transport: SseTransport;
  recovery?: RunRecovery;
  poll?: PollOptions;
  streamIdleTimeoutMs?: number;
}

export const runsApi = (http: Http, options: RunsOptions) => {
  const recovery = options.recovery ?? pollingRecovery(http, options.poll);
  const runs = {
    create: (threadId: string, params: RunParams) =>
      http.request<Run>('POST', `/v1/threads/${threadId}/runs`, { body: params }),
    retrieve: (threadId: string, runId: string) =>
      http.request<Run>('GET', `/v1/threads/${threadId}/runs/${runId}`),
    cancel: (threadId: string, runId: string) =>
      http.request<Run>('POST', `/v1/threads/${threadId}/runs/${runId}/cancel`),

    /** Creates a run and streams it; see RunStream. The request that creates the run is sent exactly once. */
    stream(threadId: string, params: RunParams) {
      return createRunStream({
        threadId,
        recovery,
        cancel: (runId) => runs.cancel(threadId, runId),
        ...(options.streamIdleTimeoutMs !== undefined && { idleTimeoutMs: options.streamIdleTimeoutMs }),
        open: async function* (signal) {
          yield* options.transport({
            url: http.url(`/v1/threads/${threadId}/runs`),
            method: 'POST',
            headers: await http.headers({ 'content-type': 'application/json' }),
            body: JSON.stringify({ ...params, stream: true }),
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
  return runs;
};
