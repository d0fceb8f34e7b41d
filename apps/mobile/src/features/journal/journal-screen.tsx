import { router } from 'expo-router';
import { useMemo, useState } from 'react';
import { FlatList, Pressable, ScrollView, StyleSheet, useWindowDimensions, View } from 'react-native';
import { Button } from '@/components/ui/button';
import { Screen } from '@/components/ui/screen';
import { TextField } from '@/components/ui/text-field';
import { ThemedText } from '@/components/ui/themed-text';
import { useTheme } from '@/components/ui/use-theme';
import { Spacing, WideContentWidth } from '@/constants/theme';
import type { Language } from '@/i18n/strings';
import { formatDay } from '../days/day-key';
import { useDayKey } from '../days/use-day-key';
import { ConnectionGate } from '../session/connection-gate';
import { type Connection, useHaruSession } from '../session/haru-session';
import { describeProblem, type ProblemKind, problemKind, problemMessage } from '../session/problems';
import type { JournalEntry } from './diary-entry';
import { EntryRetry } from './entry-retry';
import { exportJournal } from './export-journal';
import { allEntries } from './journal-api';
import { journalAsJson, journalAsMarkdown } from './journal-export-format';
import { searchDays } from './journal-search';
import { MoodChip } from './mood-chip';
import { MoodOverview } from './mood-overview';
import { useDebouncedValue } from './use-debounced-value';
import { type JournalDay, useJournal, useRecentMoods, useWordsSaid } from './use-journal';

/** From this window width (the side tabs included) the calendar and the days stand side by side. */
const twoColumnsFrom = 1180;

/** How long typing pauses before the days' conversations are read for a search. */
const searchPauseMs = 300;

export function JournalScreen() {
  const { strings } = useHaruSession();
  const twoColumns = useWindowDimensions().width >= twoColumnsFrom;
  return (
    <Screen title={strings.tabJournal} maxWidth={twoColumns ? WideContentWidth : undefined}>
      <ConnectionGate>
        {(connection) => <Journal connection={connection} twoColumns={twoColumns} />}
      </ConnectionGate>
    </Screen>
  );
}

const entryOf = (day: JournalDay) => {
  const data = day.entry.data;
  return data && data !== 'nothing-written' ? data : undefined;
};

function Journal({ connection, twoColumns }: { connection: Connection; twoColumns: boolean }) {
  const { strings, language, settings } = useHaruSession();
  const today = useDayKey(settings.dayStartHour);
  const journal = useJournal(connection, today);
  const moods = useRecentMoods(connection);
  const [query, setQuery] = useState('');
  const [exporting, setExporting] = useState(false);
  /** Why the last export failed; worded when shown, in the app's language. */
  const [exportProblem, setExportProblem] = useState<ProblemKind | undefined>(undefined);

  // A day opened but never written in has no entry and no place in the Journal.
  const days = journal.days.filter((day) => day.entry.data !== 'nothing-written');
  const entries = useMemo(
    () => days.flatMap((day) => (entryOf(day) ? [entryOf(day) as JournalEntry] : [])),
    [days],
  );
  // The entries read here are the newest word on their days' moods (an edit may be newer than the list).
  const moodsByDay = useMemo(() => {
    const byDay = new Map((moods.data ?? []).map((entry) => [entry.day, entry.mood]));
    for (const entry of entries) if (entry.mood) byDay.set(entry.day, entry.mood);
    return [...byDay].map(([day, mood]) => ({ day, mood }));
  }, [moods.data, entries]);
  const searching = query.trim() !== '';
  // Entries are searched as each letter is typed; the conversations are read once the typing pauses.
  const searchTyped = useDebouncedValue(searching, searchPauseMs);
  const said = useWordsSaid(connection, days, searching && searchTyped);
  const searchUnfinished = searching && said.unread;
  const found = searching
    ? searchDays(
        days.map((day) => ({ day: day.day, entry: entryOf(day), said: said.byDay.get(day.day) })),
        query,
      )
    : undefined;
  const matches = new Map(found?.map((match) => [match.day, match]));
  const matchingDays = found ? days.filter((day) => matches.has(day.day)) : days;

  const exportAs = async (format: 'markdown' | 'json') => {
    setExporting(true);
    setExportProblem(undefined);
    try {
      const everything = await allEntries(connection.client, today);
      if (format === 'markdown')
        await exportJournal('haru-journal.md', journalAsMarkdown(everything, language), 'text/markdown');
      else await exportJournal('haru-journal.json', journalAsJson(everything), 'application/json');
    } catch (error) {
      setExportProblem(problemKind(error, undefined));
    } finally {
      setExporting(false);
    }
  };

  const { pages } = journal;
  const loaded = pages.isSuccess;
  const header = (
    <View style={styles.tools}>
      <TextField
        value={query}
        onChangeText={setQuery}
        placeholder={strings.searchPlaceholder}
        accessibilityLabel={strings.searchPlaceholder}
        style={styles.search}
        testID="journal-search"
      />
      {searchUnfinished ? (
        <ThemedText
          type="small"
          color="textSecondary"
          accessibilityLiveRegion="polite"
          testID="journal-searching"
        >
          {strings.searchingConversations}
        </ThemedText>
      ) : null}
      {searching && said.error ? (
        <View style={styles.note}>
          <ThemedText type="small" color="danger" accessibilityRole="alert">
            {`${strings.conversationsNotSearched} ${describeProblem(said.error, undefined, strings).message}`}
          </ThemedText>
          <Button
            label={strings.retry}
            variant="secondary"
            onPress={() => void said.retry()}
            style={styles.start}
            testID="search-retry"
          />
        </View>
      ) : null}
      <View style={styles.exports}>
        <Button
          label={strings.exportMarkdown}
          variant="secondary"
          disabled={entries.length === 0 || exporting}
          onPress={() => void exportAs('markdown')}
          testID="export-markdown"
        />
        <Button
          label={strings.exportJson}
          variant="secondary"
          disabled={entries.length === 0 || exporting}
          onPress={() => void exportAs('json')}
          testID="export-json"
        />
      </View>
      {exportProblem ? (
        <ThemedText color="danger" accessibilityRole="alert" testID="export-problem">
          {problemMessage(exportProblem, strings)}
        </ThemedText>
      ) : null}
      {pages.isError ? (
        <View style={styles.note}>
          <ThemedText color="danger" accessibilityRole="alert">
            {describeProblem(pages.error, undefined, strings).message}
          </ThemedText>
          <Button label={strings.retry} onPress={() => void pages.refetch()} testID="journal-retry" />
        </View>
      ) : null}
      {!searching && moods.data && days.length > 0 ? (
        <MoodOverview moods={moodsByDay} todayKey={today} language={language} strings={strings} />
      ) : null}
    </View>
  );

  const list = (
    <FlatList
      data={matchingDays}
      keyExtractor={(day) => day.day}
      renderItem={({ item }) => (
        <DayCard item={item} language={language} saidExcerpt={matches.get(item.day)?.saidExcerpt} />
      )}
      ListHeaderComponent={twoColumns ? null : header}
      ListEmptyComponent={
        // Nothing found is said once every conversation has been searched too.
        !loaded || searchUnfinished ? null : (
          <ThemedText style={styles.note} color="textSecondary" testID="journal-empty">
            {searching ? strings.searchNoMatch.replace('{query}', query.trim()) : strings.journalEmpty}
          </ThemedText>
        )
      }
      ListFooterComponent={
        pages.hasNextPage ? (
          <Button
            label={strings.loadMore}
            variant="secondary"
            disabled={pages.isFetchingNextPage}
            onPress={() => void pages.fetchNextPage()}
            testID="journal-load-more"
          />
        ) : null
      }
      onEndReached={() => pages.hasNextPage && !pages.isFetchingNextPage && void pages.fetchNextPage()}
      style={twoColumns ? styles.days : undefined}
      contentContainerStyle={styles.list}
      testID="journal-list"
    />
  );
  if (!twoColumns) return list;
  return (
    <View style={styles.columns}>
      <ScrollView style={styles.side} contentContainerStyle={styles.sideContent}>
        {header}
      </ScrollView>
      {list}
    </View>
  );
}

function DayCard({
  item,
  language,
  saidExcerpt,
}: {
  item: JournalDay;
  language: Language;
  /** What the person said that day that a search found, when the entry alone did not hold it. */
  saidExcerpt: string | undefined;
}) {
  const { strings } = useHaruSession();
  const theme = useTheme();
  const entry = entryOf(item);
  const excerpt = entry
    ? entry.summary || (entry.text.split('\n')[0] ?? '')
    : item.entry.isPending
      ? strings.writingEntry
      : strings.noEntryYet;
  const said = saidExcerpt ? strings.saidInConversation.replace('{excerpt}', saidExcerpt) : undefined;
  // The card opens the day; "Try again" sits beside that link, not inside it, so each is its own control.
  return (
    <View style={[styles.card, { backgroundColor: theme.backgroundElement }]}>
      <Pressable
        onPress={() => router.push(`/journal/${item.day}`)}
        accessibilityRole="link"
        accessibilityLabel={[`${formatDay(item.day, language)}. ${excerpt}`, said].filter(Boolean).join(' ')}
        style={({ pressed }) => [styles.cardLink, { opacity: pressed ? 0.85 : 1 }]}
        testID={`journal-day-${item.day}`}
      >
        <View style={styles.cardHeader}>
          <ThemedText type="smallBold">{formatDay(item.day, language)}</ThemedText>
          {entry?.mood ? <MoodChip mood={entry.mood} language={language} /> : null}
        </View>
        <ThemedText type="entry" numberOfLines={3} color={entry ? 'text' : 'textSecondary'}>
          {excerpt}
        </ThemedText>
        {said ? (
          <ThemedText type="small" color="textSecondary" numberOfLines={2} testID={`said-${item.day}`}>
            {said}
          </ThemedText>
        ) : null}
      </Pressable>
      {item.entry.isError ? (
        <EntryRetry day={item.day} error={item.entry.error} onRetry={() => void item.entry.refetch()} />
      ) : null}
    </View>
  );
}

const styles = StyleSheet.create({
  tools: { gap: Spacing.two, paddingBottom: Spacing.two },
  search: { minHeight: 44, borderRadius: 22, paddingHorizontal: Spacing.three, fontSize: 17 },
  exports: { flexDirection: 'row', flexWrap: 'wrap', gap: Spacing.two },
  list: { padding: Spacing.three, paddingTop: 0, gap: Spacing.two },
  columns: { flex: 1, flexDirection: 'row' },
  side: { width: 440, flexGrow: 0 },
  sideContent: { padding: Spacing.three, paddingTop: 0 },
  days: { flex: 1 },
  note: { paddingVertical: Spacing.three, gap: Spacing.two },
  start: { alignSelf: 'flex-start' },
  card: { borderRadius: 16, padding: Spacing.three, gap: Spacing.two },
  cardLink: { gap: Spacing.one },
  cardHeader: {
    flexDirection: 'row',
    justifyContent: 'space-between',
    alignItems: 'center',
    gap: Spacing.two,
  },
});
