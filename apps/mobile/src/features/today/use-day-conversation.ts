import type { Run, RunSnapshot } from '@haru/client';
import { useRunStream } from '@haru/client/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { findOrOpenDay, messagesOf } from '../days/day-threads';
import { type Connection, useHaruSession } from '../session/haru-session';
import { keyValueStorage } from '../session/key-value-storage';
import { describeProblem, type Problem } from '../session/problems';
import { type ChatRow, rowFromMessage } from './chat-row';

export type LoadState = { phase: 'loading' } | { phase: 'ready' } | { phase: 'failed'; problem: Problem };

let localKeys = 0;
const newLocalKey = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++localKeys}`;

/**
 * One day's conversation: finds or opens the day's thread, sends what the person writes, and streams
 * Haru's reply into a single row. Nothing written is lost: a failed send goes back to the draft.
 */
export function useDayConversation({ client, companionId }: Connection, dayKey: string) {
  const { strings } = useHaruSession();
  const [load, setLoad] = useState<LoadState>({ phase: 'loading' });
  const [rows, setRows] = useState<ChatRow[]>([]);
  const [draft, setDraftState] = useState('');
  const threadId = useRef<string | undefined>(undefined);
  const replyKey = useRef<string | undefined>(undefined);
  /** True from the moment a message is sent until its reply has ended: one exchange at a time. */
  const busy = useRef(false);
  const draftKey = `haru.draft.${dayKey}`;

  const updateRow = useCallback((key: string, change: Partial<ChatRow>) => {
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...change } : row)));
  }, []);

  const reply = useRunStream(client, {
    onEnd: (snapshot: RunSnapshot, error: Error | undefined) => {
      const key = replyKey.current;
      if (!key) return;
      replyKey.current = undefined;
      busy.current = false;
      const message = snapshot.messages.findLast((m) => m.role === 'assistant');
      const settled = message ? rowFromMessage(message) : undefined;
      const failed =
        Boolean(error) || snapshot.run?.status === 'failed' || snapshot.run?.status === 'expired';
      updateRow(key, {
        text: settled?.text ?? '',
        status: failed ? 'error' : (settled?.status ?? 'done'),
        problem: failed ? describeProblem(error, snapshot.run as Run | undefined, strings) : undefined,
      });
    },
  });

  const draftWrites = useRef(Promise.resolve());
  const draftNow = useRef('');
  const setDraft = useCallback(
    (text: string) => {
      draftNow.current = text;
      setDraftState(text);
      // One write after another, so a clear on send can never be overtaken by an older keystroke.
      draftWrites.current = draftWrites.current
        .then(() => (text ? keyValueStorage.set(draftKey, text) : keyValueStorage.remove(draftKey)))
        .catch((error: unknown) => console.warn('Could not keep the draft:', error));
    },
    [draftKey],
  );

  /** Loads the day; `quietly` refreshes what is shown without a loading state (following a reply). */
  const reload = useCallback(
    async (quietly = false) => {
      if (!quietly) setLoad({ phase: 'loading' });
      try {
        const id = await findOrOpenDay(client, dayKey, strings.opening);
        threadId.current = id;
        const messages = await messagesOf(client, id);
        setRows(messages.map(rowFromMessage));
        setLoad({ phase: 'ready' });
        return messages.some((message) => message.status === 'in_progress');
      } catch (error) {
        if (!quietly) setLoad({ phase: 'failed', problem: describeProblem(error, undefined, strings) });
        return quietly;
      }
    },
    [client, dayKey, strings],
  );

  const mounted = useRef(true);
  /** A reply still being written at the server (after a reload, or lost track of) is followed until done. */
  const follow = useCallback(
    async (attempt = 0) => {
      if ((await reload(attempt > 0)) && mounted.current && attempt < 120) {
        setTimeout(() => void follow(attempt + 1), 1000);
      }
    },
    [reload],
  );

  useEffect(() => {
    mounted.current = true;
    threadId.current = undefined;
    setRows([]);
    void follow();
    // Fire and forget: a draft that cannot be read starts empty, and restoring it only sets state.
    void keyValueStorage
      .get(draftKey)
      .catch(() => null)
      .then((saved) => {
        draftNow.current = saved ?? '';
        setDraftState(saved ?? '');
      });
    return () => {
      mounted.current = false;
    };
  }, [follow, draftKey]);

  const startReply = useCallback(() => {
    const id = threadId.current;
    if (!id) return;
    const key = newLocalKey('reply');
    replyKey.current = key;
    setRows((current) => [...current, { key, role: 'assistant', text: '', status: 'streaming' }]);
    reply.start(id, { assistant_id: companionId });
  }, [reply.start, companionId]);

  const send = useCallback(
    async (text: string) => {
      const id = threadId.current;
      const content = text.trim();
      if (!id || !content || busy.current) return;
      busy.current = true;
      const key = newLocalKey('mine');
      // Sending text again replaces its failed attempt, so it can never be sent twice.
      setRows((current) => [
        ...current.filter((row) => !(row.status === 'failed' && row.text === content)),
        { key, role: 'user', text: content, status: 'sending' },
      ]);
      // A retried message leaves whatever else the person has started typing alone.
      if (draftNow.current.trim() === content) setDraft('');
      try {
        await client.messages.create(id, { role: 'user', content });
        updateRow(key, { status: 'sent' });
        startReply();
      } catch (error) {
        busy.current = false;
        updateRow(key, { status: 'failed', problem: describeProblem(error, undefined, strings) });
        setDraft(content);
      }
    },
    [client, setDraft, startReply, updateRow, strings],
  );

  /** Sends a failed message again, or asks for a failed reply again; not while an exchange is going on. */
  const retry = useCallback(
    (row: ChatRow) => {
      if (busy.current) return;
      if (row.role === 'user') {
        void send(row.text);
        return;
      }
      const id = threadId.current;
      if (!id) return;
      busy.current = true;
      // The reply may have finished at the server after all (only this device lost track): look first.
      messagesOf(client, id)
        .then((messages) => {
          setRows(messages.map(rowFromMessage));
          const last = messages.at(-1);
          const answered = last?.role === 'assistant' && last.status !== 'incomplete';
          if (!answered) return startReply();
          busy.current = false;
          if (last.status === 'in_progress') void follow(1);
        })
        .catch((error: unknown) => {
          busy.current = false;
          updateRow(row.key, { problem: describeProblem(error, undefined, strings) });
        });
    },
    [client, send, startReply, updateRow, strings, follow],
  );

  return {
    load,
    reload,
    rows,
    draft,
    setDraft,
    send,
    retry,
    stop: reply.abort,
    replying: reply.streaming,
    /** The row being streamed and its text so far; only that row re-renders per frame. */
    streaming: replyKey.current ? { key: replyKey.current, text: reply.text } : undefined,
  };
}
