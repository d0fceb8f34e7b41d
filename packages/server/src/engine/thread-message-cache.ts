import type { ChatMessage } from '../providers/model-provider.ts';

export interface SeqMessage {
  seq: number;
  message: ChatMessage;
}

/** Reads the thread's messages with seq from `fromSeq` to `toSeq`, in order. */
export type LoadMessages = (fromSeq: number, toSeq: number) => Promise<SeqMessage[]>;

interface HeldThread {
  userId: string;
  bySeq: Map<number, ChatMessage>;
  chars: number;
}

/**
 * The prompt text of recently run threads' messages, by their place in the thread. Every run on a thread
 * sends its whole history again; without this, each one read and parsed every stored message anew, so a
 * conversation cost more with every turn. What a message says never changes once a run may read it (only
 * its metadata can, and a run's own reply is never in its prompt), so a held message is always right; the
 * thread's index still decides which messages there are, so a deleted one is never sent.
 */
export function createThreadMessageCache(maxChars = 4_000_000) {
  // In order of use, the least recently used first.
  const threads = new Map<string, HeldThread>();
  let heldChars = 0;

  function forget(threadId: string) {
    const held = threads.get(threadId);
    if (!held) return;
    heldChars -= held.chars;
    threads.delete(threadId);
  }

  return {
    /**
     * The messages at `seqs` (ascending), each read from the database only when not held; afterwards the
     * thread holds exactly these.
     */
    async messages(userId: string, threadId: string, seqs: number[], load: LoadMessages) {
      const held = threads.get(threadId);
      const known = held?.userId === userId ? held.bySeq : new Map<number, ChatMessage>();
      const missing = seqs.filter((seq) => !known.has(seq));
      const first = missing[0];
      const last = missing.at(-1);
      const loaded = first === undefined || last === undefined ? [] : await load(first, last);
      // Frozen: the same objects go into later prompts.
      for (const { seq, message } of loaded) known.set(seq, Object.freeze(message));

      const bySeq = new Map<number, ChatMessage>();
      const messages: ChatMessage[] = [];
      let chars = 0;
      for (const seq of seqs) {
        const message = known.get(seq);
        if (!message) continue;
        bySeq.set(seq, message);
        messages.push(message);
        chars += message.content.length;
      }
      forget(threadId);
      if (chars <= maxChars / 4) {
        threads.set(threadId, { userId, bySeq, chars });
        heldChars += chars;
        for (const [oldest] of threads) {
          if (heldChars <= maxChars) break;
          forget(oldest);
        }
      }
      return messages;
    },

    /** Lets go of a thread's messages: a transaction that read them was rolled back. */
    forget,

    /** Characters held across threads, bounded by `maxChars`. */
    heldChars: () => heldChars,
  };
}

export type ThreadMessageCache = ReturnType<typeof createThreadMessageCache>;
