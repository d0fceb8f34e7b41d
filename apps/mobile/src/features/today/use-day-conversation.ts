import { type Message, newIdempotencyKey, type Run, type RunSnapshot } from '@haru/client';
import { useRunStream } from '@haru/client/react';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { addDays } from '../days/day-key';
import { findOrOpenDay, messagesOf } from '../days/day-threads';
import { type Connection, useHaruSession } from '../session/haru-session';
import { describeProblem, type Problem, type ProblemKind, problemKind } from '../session/problems';
import { useReportSignOut } from '../session/use-report-sign-out';
import { type ChatRow, rowFromMessage } from './chat-row';
import { draftTakingOver, keepDraft } from './day-drafts';
import { shownLengthKey, shownText } from './offline-companion';

export type LoadState = { phase: 'loading' } | { phase: 'ready' } | { phase: 'failed'; problem: Problem };

let localKeys = 0;
const newLocalKey = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++localKeys}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

const newestReply = (messages: Message[]) => messages.findLast((message) => message.role === 'assistant');

/** A run the server could not finish on its side (it restarted, or broke off): asking again is safe. */
const brokeOffAtServer = (run: Run | undefined) =>
  run?.status === 'failed' && run.last_error?.code === 'server_error';

/**
 * One day's conversation: finds or opens the day's thread, sends what the person writes, and streams
 * Haru's reply into a single row. Nothing written is lost: a message that cannot be sent goes back to
 * the composer, a draft left unsent on `dayBefore` moves into this day's, and a reply still being
 * written elsewhere (after a reload) is followed to its end.
 */
export function useDayConversation(
  { client, companionId }: Connection,
  dayKey: string,
  dayBefore = addDays(dayKey, -1),
) {
  const { strings } = useHaruSession();
  const reportSignOut = useReportSignOut();
  const day = useQuery({
    queryKey: ['day', dayKey],
    queryFn: async () => {
      const threadId = await findOrOpenDay(client, dayKey, strings.opening);
      return { threadId, messages: await messagesOf(client, threadId) };
    },
    // Once loaded, the rows below are the truth: what is sent and streamed here is newer than any refetch.
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  const [rows, setRows] = useState<ChatRow[]>([]);
  const [draft, setDraftState] = useState('');
  /** Why the last message could not be sent; its words are back in the draft. */
  const [notSent, setNotSent] = useState<ProblemKind | undefined>(undefined);
  /**
   * The message that last failed to send, with the key of that attempt: its answer may only have been
   * lost on the way back, so sending the same words again reuses the key and the server keeps one copy.
   */
  const unsent = useRef<{ content: string; idempotencyKey: string } | undefined>(undefined);
  /** The reply's text as it stood when Stop was pressed: what arrives after it is not shown. */
  const [stoppedText, setStoppedText] = useState<string | undefined>(undefined);
  const stoppedAt = useRef<string | undefined>(undefined);
  const threadId = useRef<string | undefined>(undefined);
  const replyKey = useRef<string | undefined>(undefined);
  /** True from the moment a message is sent until its reply has ended: one exchange at a time. */
  const busy = useRef(false);
  const [exchanging, setExchanging] = useState(false);
  const setBusy = useCallback((value: boolean) => {
    busy.current = value;
    setExchanging(value);
  }, []);
  /** A reply is asked for again at most once after its run broke off at the server. */
  const askedAgain = useRef(false);

  const updateRow = useCallback((key: string, change: Partial<ChatRow>) => {
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...change } : row)));
  }, []);

  const reply = useRunStream(client, {
    onEnd: (snapshot: RunSnapshot, error: Error | undefined) => {
      const key = replyKey.current;
      if (!key) return;
      reportSignOut(error);
      const message = newestReply(snapshot.messages);
      const run = snapshot.run as Run | undefined;
      if (!error && brokeOffAtServer(run) && !askedAgain.current && threadId.current) {
        askedAgain.current = true;
        void askAgain(threadId.current, key, message?.id);
        return;
      }
      replyKey.current = undefined;
      setBusy(false);
      const settled = message ? rowFromMessage(message) : undefined;
      const failed = Boolean(error) || run?.status === 'failed' || run?.status === 'expired';
      const status = failed ? 'error' : (settled?.status ?? 'done');
      const text = settled?.text ?? '';
      const shown = stoppedAt.current;
      stoppedAt.current = undefined;
      setStoppedText(undefined);
      if (status === 'stopped' && shown !== undefined && text.startsWith(shown) && text !== shown) {
        keepShownPart(message, shown.length);
      }
      updateRow(key, {
        // A stopped reply keeps what the person saw, not the few words that came after the press.
        text: status === 'stopped' && shown !== undefined && text.startsWith(shown) ? shown : text,
        status,
        problem: failed ? problemKind(error, run) : undefined,
        ...(settled?.generatedBy && { generatedBy: settled.generatedBy }),
      });
    },
  });

  /** A reload, or another device, shows a stopped reply as it stood when Stop was pressed. */
  const keepShownPart = (message: Message | undefined, length: number) => {
    if (!message || !threadId.current) return;
    client.messages
      .update(threadId.current, message.id, {
        metadata: { ...message.metadata, [shownLengthKey]: String(length) },
      })
      .catch((error: unknown) => console.warn('Could not keep where the reply was stopped:', error));
  };

  /** Starts a new run for the reply shown in row `key`, replacing a broken-off attempt at it. */
  const askAgain = async (id: string, key: string, brokenReplyId: string | undefined) => {
    updateRow(key, { text: '', status: 'streaming', problem: undefined });
    // The broken-off words would otherwise sit in the thread before the whole reply.
    if (brokenReplyId) await client.messages.delete(id, brokenReplyId).catch(() => undefined);
    reply.start(id, { assistant_id: companionId });
  };

  const draftNow = useRef('');
  const setDraft = useCallback(
    (text: string) => {
      draftNow.current = text;
      setDraftState(text);
      keepDraft(dayKey, text).catch((error: unknown) => console.warn('Could not keep the draft:', error));
    },
    [dayKey],
  );

  // The day as the server has it; a reply still being written there is followed to its end.
  const { follow } = reply;
  useEffect(() => {
    if (!day.data) return;
    threadId.current = day.data.threadId;
    setRows(day.data.messages.map(rowFromMessage));
    const writing = newestReply(day.data.messages);
    if (writing?.status === 'in_progress' && writing.run_id && !busy.current) {
      setBusy(true);
      replyKey.current = writing.id;
      follow(day.data.threadId, writing.run_id);
    }
  }, [day.data, follow, setBusy]);

  useEffect(() => {
    // Fire and forget: a draft that cannot be read starts empty, and restoring it only sets state.
    void draftTakingOver(dayKey, dayBefore)
      .catch(() => '')
      .then((saved) => {
        draftNow.current = saved;
        setDraftState(saved);
      });
  }, [dayKey, dayBefore]);

  const startReply = useCallback(() => {
    const id = threadId.current;
    if (!id) return;
    const key = newLocalKey('reply');
    replyKey.current = key;
    askedAgain.current = false;
    setRows((current) => [
      ...current,
      { key, role: 'assistant', text: '', status: 'streaming', at: nowSeconds() },
    ]);
    reply.start(id, { assistant_id: companionId });
  }, [reply.start, companionId]);

  const send = useCallback(
    async (text: string) => {
      const id = threadId.current;
      const content = text.trim();
      if (!id || !content || busy.current) return;
      setBusy(true);
      setNotSent(undefined);
      const key = newLocalKey('mine');
      setRows((current) => [
        ...current,
        { key, role: 'user', text: content, status: 'sending', at: nowSeconds() },
      ]);
      // A retried message leaves whatever else the person has started typing alone.
      if (draftNow.current.trim() === content) setDraft('');
      const idempotencyKey =
        unsent.current?.content === content ? unsent.current.idempotencyKey : newIdempotencyKey();
      try {
        await client.messages.create(id, { role: 'user', content }, { idempotencyKey });
        unsent.current = undefined;
        updateRow(key, { status: 'sent' });
        startReply();
      } catch (error) {
        reportSignOut(error);
        unsent.current = { content, idempotencyKey };
        setBusy(false);
        // The words go back to the composer only, so they are never shown twice nor sent twice.
        setRows((current) => current.filter((row) => row.key !== key));
        setDraft(draftNow.current.trim() ? `${content}\n${draftNow.current}` : content);
        setNotSent(problemKind(error, undefined));
      }
    },
    [client, setDraft, startReply, updateRow, reportSignOut, setBusy],
  );

  /** Asks again for the newest reply after it failed; not while an exchange is going on. */
  const retryReply = useCallback(
    (row: ChatRow) => {
      const id = threadId.current;
      if (busy.current || !id) return;
      setBusy(true);
      // The reply may have finished at the server after all (only this device lost track): look first.
      messagesOf(client, id)
        .then(async (messages) => {
          const last = messages.at(-1);
          if (last?.role === 'assistant' && last.status !== 'incomplete') {
            setRows(messages.map(rowFromMessage));
            if (last.status === 'in_progress' && last.run_id) {
              replyKey.current = last.id;
              follow(id, last.run_id);
            } else setBusy(false);
            return;
          }
          // The broken-off words make way for the whole reply asked for now.
          const broken = last?.role === 'assistant' ? last : undefined;
          if (broken) await client.messages.delete(id, broken.id).catch(() => undefined);
          setRows(messages.filter((message) => message !== broken).map(rowFromMessage));
          startReply();
        })
        .catch((error: unknown) => {
          reportSignOut(error);
          setBusy(false);
          updateRow(row.key, { problem: problemKind(error, undefined) });
        });
    },
    [client, follow, startReply, updateRow, reportSignOut, setBusy],
  );

  const replyText = shownText(newestReply(reply.snapshot.messages));
  // Read by Stop, which must not change (and re-render the composer) with every frame of text.
  const replyTextNow = useRef('');
  replyTextNow.current = replyText;
  const { abort } = reply;
  const stop = useCallback(() => {
    stoppedAt.current = replyTextNow.current;
    setStoppedText(replyTextNow.current);
    abort();
  }, [abort]);

  const load: LoadState = day.isError
    ? { phase: 'failed', problem: describeProblem(day.error, undefined, strings) }
    : day.data
      ? { phase: 'ready' }
      : { phase: 'loading' };

  return {
    load,
    reload: day.refetch,
    rows,
    draft,
    setDraft,
    send,
    notSent,
    retryReply,
    stop,
    replying: reply.streaming,
    /** A message is being sent or its reply is on its way: the day should not be taken away now. */
    exchanging,
    /** The row being streamed and its text so far; only that row re-renders per frame. */
    streaming: replyKey.current ? { key: replyKey.current, text: stoppedText ?? replyText } : undefined,
  };
}
