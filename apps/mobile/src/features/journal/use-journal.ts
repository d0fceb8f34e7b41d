import type { Thread } from '@haru/client';
import { useInfiniteQuery, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Connection } from '../session/haru-session';
import { useHaruSession } from '../session/haru-session';
import { concurrencyLimit } from './concurrency-limit';
import {
  entryMoods,
  pastDaysPage,
  readDayEntry,
  type StoredEntry,
  wordsSaidIn,
  writeEntry,
} from './journal-api';

export const journalKeys = {
  all: ['journal'] as const,
  days: (todayKey: string) => ['journal', 'days', todayKey] as const,
  entry: (day: string) => ['journal', 'entry', day] as const,
  /**
   * The entry as a day's page reads it: stored or not, never written there. Its own cache, so that a page
   * finding no entry never hides from the Journal a day whose entry is still to be written.
   */
  storedEntry: (day: string) => ['journal', 'entry', day, 'stored'] as const,
  moods: ['journal', 'moods'] as const,
  said: (conversationId: string) => ['journal', 'said', conversationId] as const,
};

/** What a day in the Journal shows: its entry, written once by the diarist the first time it is seen. */
export type DayEntry = StoredEntry | 'nothing-written';

/**
 * Past days a page at a time, newest first, each with its entry. A closed day without an entry gets
 * one written once, in the background, the first time the Journal shows it.
 */
export function useJournal({ client, diaristId }: Connection, todayKey: string) {
  const { language } = useHaruSession();
  const queryClient = useQueryClient();
  const pages = useInfiniteQuery({
    queryKey: journalKeys.days(todayKey),
    queryFn: ({ pageParam }) => pastDaysPage(client, todayKey, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next,
  });
  const days = useMemo(
    () => newestPerDay(pages.data?.pages.flatMap((page) => page.days) ?? []),
    [pages.data],
  );
  const entries = useQueries({
    queries: days.map((conversation) => ({
      queryKey: journalKeys.entry(conversation.metadata.day ?? ''),
      queryFn: async (): Promise<DayEntry> => {
        const stored = await readDayEntry(client, conversation.metadata.day ?? '');
        if (stored) return stored;
        const written = await writeEntry(client, diaristId, conversation, language);
        // A new entry brings a new mood to the calendar.
        if (written) void queryClient.invalidateQueries({ queryKey: journalKeys.moods });
        return written ?? 'nothing-written';
      },
      staleTime: Number.POSITIVE_INFINITY,
    })),
  });
  return {
    days: days.map((conversation, index) => ({
      day: conversation.metadata.day ?? '',
      conversation,
      entry: entries[index],
    })),
    pages,
  };
}

export type JournalDay = ReturnType<typeof useJournal>['days'][number];

/** A few conversations read at once: a search over a long Journal must not flood the gateway. */
const conversationReads = concurrencyLimit(3);

/**
 * What the person said on each of these days, by day, read only while `searching`: the Journal itself
 * shows entries, and reading every day's conversation for it would cost a request or more a day.
 * Undefined for a day not read yet. A past day's conversation is closed, so once read it is kept.
 */
export function useWordsSaid({ client }: Connection, days: JournalDay[], searching: boolean) {
  const reads = useQueries({
    queries: days.map(({ conversation }) => ({
      queryKey: journalKeys.said(conversation.id),
      queryFn: () => conversationReads(() => wordsSaidIn(client, conversation.id)),
      enabled: searching,
      staleTime: Number.POSITIVE_INFINITY,
    })),
  });
  const failed = reads.filter((read) => read.isError);
  return {
    byDay: new Map(days.map((day, index) => [day.day, reads[index]?.data])),
    /** Some day's words are still to be read (or wait for the typing to pause). */
    unread: reads.some((read) => read.isPending),
    error: failed[0]?.error ?? undefined,
    retry: () => Promise.all(failed.map((read) => read.refetch())),
  };
}

/** Every day's mood, for the calendar, the last 30 days and the days in a row. */
export function useRecentMoods({ client }: Connection) {
  return useQuery({ queryKey: journalKeys.moods, queryFn: () => entryMoods(client) });
}

/** After an edit or a deletion: what every screen shows of the Journal is read again. */
export function useRefreshJournal() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: journalKeys.all });
}

/** Newest thread per day (two devices may each have opened the same day), days newest first. */
function newestPerDay(threads: Thread[]): Thread[] {
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
