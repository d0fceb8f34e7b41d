import type { Thread } from '@haru/client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { threadsOfKind } from '../days/day-threads';
import { type Connection, useHaruSession } from '../session/haru-session';
import { describeProblem } from '../session/problems';
import type { DiaryEntry } from './diary-entry';
import { readDayEntry, writeEntry } from './journal-api';

export interface JournalDay {
  day: string;
  conversation: Thread;
  entry: DiaryEntry | undefined;
  writing: boolean;
  problem: string | undefined;
}

/**
 * Past days, newest first, each with its diary entry. A closed day without an entry gets one written
 * once, in the background, the first time the journal sees it.
 */
export function useJournal({ client, diaristId }: Connection, todayKey: string) {
  const { language, strings } = useHaruSession();
  const [days, setDays] = useState<JournalDay[] | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | undefined>(undefined);
  const writing = useRef(new Set<string>());

  const patch = useCallback((day: string, change: Partial<JournalDay>) => {
    setDays((current) => current?.map((item) => (item.day === day ? { ...item, ...change } : item)));
  }, []);

  const write = useCallback(
    async (item: JournalDay) => {
      if (writing.current.has(item.day)) return;
      writing.current.add(item.day);
      patch(item.day, { writing: true, problem: undefined });
      try {
        const entry = await writeEntry(client, diaristId, item.conversation, language);
        if (entry) patch(item.day, { entry, writing: false });
        else setDays((current) => current?.filter((other) => other.day !== item.day));
      } catch (error) {
        patch(item.day, { writing: false, problem: describeProblem(error, undefined, strings).message });
      } finally {
        writing.current.delete(item.day);
      }
    },
    [client, diaristId, language, strings, patch],
  );

  const load = useCallback(async () => {
    setLoadError(undefined);
    try {
      const [conversations, entryThreads] = await Promise.all([
        threadsOfKind(client, 'conversation'),
        threadsOfKind(client, 'entry'),
      ]);
      const entryThreadsByDay = new Map<string, Thread[]>();
      for (const thread of entryThreads) {
        const day = thread.metadata.day ?? '';
        entryThreadsByDay.set(day, [...(entryThreadsByDay.get(day) ?? []), thread]);
      }
      const past = uniqueByDay(conversations).filter((thread) => (thread.metadata.day ?? '') < todayKey);
      const loaded = await Promise.all(
        past.map(async (conversation): Promise<JournalDay> => {
          const entry = await readDayEntry(
            client,
            entryThreadsByDay.get(conversation.metadata.day ?? '') ?? [],
          );
          return {
            day: conversation.metadata.day ?? '',
            conversation,
            entry,
            writing: false,
            problem: undefined,
          };
        }),
      );
      setDays(loaded);
      for (const item of loaded) if (!item.entry) await write(item);
    } catch (error) {
      setLoadError(describeProblem(error, undefined, strings).message);
    }
  }, [client, todayKey, write, strings]);

  useEffect(() => {
    void load();
  }, [load]);

  return { days, loadError, reload: load, write };
}

/** Newest thread per day (two devices may each have opened the same day). */
function uniqueByDay(threads: Thread[]): Thread[] {
  const seen = new Set<string>();
  return threads
    .filter((thread) => {
      const day = thread.metadata.day;
      if (!day || seen.has(day)) return false;
      seen.add(day);
      return true;
    })
    .sort((a, b) => ((a.metadata.day ?? '') < (b.metadata.day ?? '') ? 1 : -1));
}
