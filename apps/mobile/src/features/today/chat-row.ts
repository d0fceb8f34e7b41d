import type { Message } from '@haru/client';
import { messageText } from '@haru/client';
import type { Problem } from '../session/problems';

export type RowStatus = 'sending' | 'sent' | 'failed' | 'streaming' | 'done' | 'stopped' | 'error';

/** One bubble. `key` never changes for the life of the row, whatever the server calls it. */
export interface ChatRow {
  key: string;
  role: 'user' | 'assistant';
  text: string;
  status: RowStatus;
  problem?: Problem | undefined;
}

export function rowFromMessage(message: Message): ChatRow {
  const status: RowStatus =
    message.role === 'user'
      ? 'sent'
      : message.status === 'in_progress'
        ? 'streaming'
        : message.incomplete_details?.reason === 'run_cancelled'
          ? 'stopped'
          : message.status === 'incomplete'
            ? 'error'
            : 'done';
  return { key: message.id, role: message.role, text: messageText(message), status };
}
