import { createHttp, type HttpOptions } from './http.ts';
import type { PollOptions } from './poll-run.ts';
import { assistantsApi } from './resources/assistants.ts';
import { authApi } from './resources/auth.ts';
import { messagesApi } from './resources/messages.ts';
import { modelsApi } from './resources/models.ts';
import { runsApi } from './resources/runs.ts';
import { threadsApi } from './resources/threads.ts';
import type { RecoveryChoice } from './stream/choose-recovery.ts';
import { chooseTransport, type TransportChoice } from './stream/choose-transport.ts';

export interface HaruClientOptions extends HttpOptions {
  /** How streams are read: 'auto' (streaming fetch, else XMLHttpRequest), 'fetch', 'xhr', or your own. */
  transport?: TransportChoice;
  /**
   * How a dropped stream is carried to its end: 'resume' (the default) reconnects to the run's events on
   * the gateway and polls where it cannot, 'poll' only polls, or your own.
   */
  recovery?: RecoveryChoice;
  poll?: PollOptions;
  /** Silence after which a stream, first or resumed, counts as dropped and is recovered (45 s). */
  streamIdleTimeoutMs?: number;
}

export type HaruClient = ReturnType<typeof createHaruClient>;

export function createHaruClient(options: HaruClientOptions) {
  const http = createHttp(options);
  const transport = chooseTransport(options.transport ?? 'auto', options.fetch);
  return {
    auth: authApi(http),
    assistants: assistantsApi(http),
    threads: threadsApi(http),
    messages: messagesApi(http),
    models: modelsApi(http),
    runs: runsApi(http, {
      transport,
      ...(options.recovery && { recovery: options.recovery }),
      ...(options.poll && { poll: options.poll }),
      ...(options.streamIdleTimeoutMs !== undefined && { streamIdleTimeoutMs: options.streamIdleTimeoutMs }),
    }),
  };
}
