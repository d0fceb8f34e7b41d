import { HaruConnectionError } from '../errors.ts';
import type { Http } from '../http.ts';
import { type PollOptions, pollRunUntilDone } from '../poll-run.ts';
import type { Message, Page, Run, RunStreamEvent } from '../types.ts';
import { messageText, type RunSnapshot } from './run-snapshot.ts';

export interface RecoveryContext {
  threadId: string;
  /** Unknown when the stream broke before the server announced the run. */
  runId: string | undefined;
  /** Everything the stream delivered; its `lastEventId` says where the connection broke. */
  snapshot: RunSnapshot;
  signal: AbortSignal;
}

/**
 * What carries a run's stream to its end after the connection dropped. It never re-sends the request
 * that created the run: `resumingRecovery` reconnects to the run's events, `pollingRecovery` polls.
 */
export interface RunRecovery {
  follow(context: RecoveryContext): AsyncIterable<RunStreamEvent>;
}

/** Follows the run by polling it, then fetches its messages and emits what the stream would have. */
export function pollingRecovery(http: Http, options: PollOptions = {}): RunRecovery {
  return {
    async *follow({ threadId, runId, snapshot, signal }) {
      const id = runId ?? (await activeRunId(http, threadId, signal));
      const run = await pollRunUntilDone(http, threadId, id, { ...options, signal });
      const page = await http.request<Page<Message>>('GET', `/v1/threads/${threadId}/messages`, {
        query: { run_id: id, order: 'asc', limit: 100 },
        signal,
      });
      for (const message of page.data)
        yield* catchUp(
          snapshot.messages.find((m) => m.id === message.id),
          message,
        );
      // The stream may have delivered the end already, just not `done`: announce nothing twice.
      if (snapshot.run?.status !== run.status) {
        yield { event: `thread.run.${run.status}`, data: run } as RunStreamEvent;
      }
      yield { event: 'done', data: '[DONE]' };
    },
  };
}

/** Without a run id, the thread's active run is the one the dropped request created: a thread has one at a time. */
export async function activeRunId(http: Http, threadId: string, signal: AbortSignal): Promise<string> {
  const newest = await http.request<Page<Run>>('GET', `/v1/threads/${threadId}/runs`, {
    query: { limit: 1 },
    signal,
  });
  const run = newest.data[0];
  if (run && ['queued', 'in_progress', 'cancelling'].includes(run.status)) return run.id;
  throw new HaruConnectionError(
    'The connection dropped before the run started; no run was created to follow.',
  );
}

/** The events that take what was seen of a message to its stored final form. */
function* catchUp(seen: Message | undefined, final: Message): Generator<RunStreamEvent> {
  if (seen && seen.status !== 'in_progress') return;
  if (!seen)
    yield { event: 'thread.message.created', data: { ...final, status: 'in_progress', content: [] } };
  const seenText = messageText(seen);
  const finalText = messageText(final);
  if (finalText.length > seenText.length && finalText.startsWith(seenText)) {
    const value = finalText.slice(seenText.length);
    yield {
      event: 'thread.message.delta',
      data: {
        id: final.id,
        object: 'thread.message.delta',
        delta: { content: [{ index: 0, type: 'text', text: { value } }] },
      },
    };
  }
  yield {
    event: final.status === 'incomplete' ? 'thread.message.incomplete' : 'thread.message.completed',
    data: final,
  };
}
