import type { Http } from '../http.ts';
import type { PollOptions } from '../poll-run.ts';
import { resumingRecovery } from './resuming-recovery.ts';
import { pollingRecovery, type RunRecovery } from './run-recovery.ts';
import type { SseTransport } from './transport.ts';

export type RecoveryChoice = 'resume' | 'poll' | RunRecovery;

/** 'resume' reconnects to the run's events (polling where the gateway cannot), 'poll' only polls. */
export function chooseRecovery(
  choice: RecoveryChoice,
  http: Http,
  transport: SseTransport,
  options: { poll?: PollOptions | undefined; idleTimeoutMs?: number | undefined },
): RunRecovery {
  if (typeof choice === 'object') return choice;
  if (choice === 'poll') return pollingRecovery(http, options.poll);
  return resumingRecovery(http, transport, {
    ...(options.poll && { poll: options.poll }),
    ...(options.idleTimeoutMs !== undefined && { idleTimeoutMs: options.idleTimeoutMs }),
  });
}
