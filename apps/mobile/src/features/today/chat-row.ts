import type { Message } from '@haru/client';
import { strings as allStrings } from '@/i18n/strings';
import type { ProblemKind } from '../session/problems';
import { shownText } from './offline-companion';

export type RowStatus = 'sending' | 'sent' | 'streaming' | 'done' | 'stopped' | 'error';

/** One bubble. `key` never changes for the life of the row, whatever the server calls it. */
export interface ChatRow {
  key: string;
  role: 'user' | 'assistant';
  text: string;
  status: RowStatus;
  /** Unix seconds, when it was written. */
  at: number;
  /** Why a reply failed: its words are chosen when shown, in the app's language then. */
  problem?: ProblemKind | undefined;
  /** Haru's first question of the day: shown in the app's language, whichever it was stored in. */
  opening?: boolean;
  /** Which mind wrote a reply (the gateway's `metadata.generated_by`). */
  generatedBy?: string;
}

function isOpening(message: Message, text: string): boolean {
  return (
    message.role === 'assistant' &&
    message.run_id === null &&
    Object.values(allStrings).some((language) => language.opening === text)
  );
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
  const text = shownText(message);
  return {
    key: message.id,
    role: message.role,
    text,
    status,
    at: message.created_at,
    ...(isOpening(message, text) && { opening: true }),
    ...(message.metadata?.generated_by && { generatedBy: message.metadata.generated_by }),
  };
}
