import { HaruApiError, HaruConnectionError } from '../errors.ts';
import type { Http } from '../http.ts';
import { type PollOptions, sleep } from '../poll-run.ts';
import { idleWatchdog } from './idle-watchdog.ts';
import { parseRunEvent } from './parse-run-event.ts';
import { activeRunId, pollingRecovery, type RunRecovery } from './run-recovery.ts';
import { type RunSnapshot, reduceRunEvent } from './run-snapshot.ts';
import { keepAliveEvent, type SseMessage } from './sse-decoder.ts';
import type { SseRequest, SseTransport } from './transport.ts';

export interface ResumeOptions {
  /** Waits before each reconnection in a row (a new event starts the row again); past the last, polling. */
  reconnectDelaysMs?: number[];
  /** Silence (no event, no keep-alive) after which a resumed stream counts as dropped. */
  idleTimeoutMs?: number;
  /** How the run is followed where it cannot be resumed. */
  poll?: PollOptions;
}

const defaults = { reconnectDelaysMs: [250, 1000, 3000], idleTimeoutMs: 45_000 } satisfies ResumeOptions;

/**
 * Follows a dropped run on the gateway's resume route (`GET …/runs/{run_id}/stream` after the last event
 * id seen), so the reply goes on event by event with nothing repeated or missed. A resumed stream that
 * drops is resumed again from its newest event; a gateway without the route, a connection that cannot be
 * made, or drops that keep coming have the run followed by polling instead.
 */
export function resumingRecovery(
  http: Http,
  transport: SseTransport,
  options: ResumeOptions = {},
): RunRecovery {
  const { reconnectDelaysMs, idleTimeoutMs } = { ...defaults, ...options };
  const polling = pollingRecovery(http, options.poll);
  return {
    async *follow(context) {
      const { threadId, signal } = context;
      const runId = context.runId ?? (await activeRunId(http, threadId, signal));
      let snapshot = context.snapshot;
      let resumable = canSayWhereItBroke(snapshot);
      let reconnects = 0;
      while (resumable && !snapshot.done) {
        let connected = false;
        try {
          const after = snapshot.lastEventId ?? '0';
          const request = {
            url: http.url(`/v1/threads/${threadId}/runs/${runId}/stream`, { after }),
            method: 'GET' as const,
            headers: await http.headers({ 'last-event-id': after }),
          };
          for await (const message of resumedMessages(transport, request, signal, idleTimeoutMs)) {
            connected = true;
            if (message.event === keepAliveEvent) continue;
            const event = parseRunEvent(message);
            const place = placeAfter(snapshot.lastEventId, event.id);
            if (place === 'repeat') continue;
            if (place === 'gap') {
              resumable = false;
              break;
            }
            snapshot = reduceRunEvent(snapshot, event);
            reconnects = 0;
            yield event;
          }
          if (resumable && !snapshot.done) {
            throw new HaruConnectionError('The resumed stream ended before the run finished.');
          }
        } catch (error) {
          if (signal.aborted || !(error instanceof HaruConnectionError || error instanceof HaruApiError)) {
            throw error;
          }
          // Only a drop after the route answered is worth another try; an error answer or no connection at all is not.
          const delay =
            connected && error instanceof HaruConnectionError ? reconnectDelaysMs[reconnects++] : undefined;
          if (delay === undefined) resumable = false;
          else await sleep(delay, signal);
        }
      }
      if (!snapshot.done) yield* polling.follow({ threadId, runId, snapshot, signal });
    },
  };
}

/** Events that came without ids (a gateway that does not number them) leave no place to resume from. */
function canSayWhereItBroke(snapshot: RunSnapshot): boolean {
  return snapshot.lastEventId !== undefined || (!snapshot.thread && !snapshot.run);
}

/** Ids count up by one within a run: a resumed event comes next, repeats one already seen, or leaves a gap. */
function placeAfter(lastEventId: string | undefined, id: string | undefined): 'next' | 'repeat' | 'gap' {
  const last = Number(lastEventId ?? 0);
  const next = Number(id);
  if (next === last + 1) return 'next';
  return next <= last ? 'repeat' : 'gap';
}

/** One connection to the resume route, dropped after `idleTimeoutMs` of silence like the first stream. */
async function* resumedMessages(
  transport: SseTransport,
  request: Omit<SseRequest, 'signal'>,
  signal: AbortSignal,
  idleTimeoutMs: number,
): AsyncGenerator<SseMessage> {
  signal.throwIfAborted();
  const connection = new AbortController();
  const stalled = new HaruConnectionError(
    'The resumed stream went silent: the connection was probably lost.',
  );
  const stop = () => connection.abort(signal.reason);
  signal.addEventListener('abort', stop, { once: true });
  const watchdog = idleWatchdog(idleTimeoutMs, () => connection.abort(stalled));
  try {
    for await (const message of transport({ ...request, signal: connection.signal })) {
      watchdog.reset();
      yield message;
    }
  } catch (error) {
    // Some platforms report any abort as an AbortError; ours for silence is a dropped connection.
    throw connection.signal.reason === stalled ? stalled : error;
  } finally {
    watchdog.stop();
    signal.removeEventListener('abort', stop);
  }
}
