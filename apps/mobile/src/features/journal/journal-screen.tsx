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
import { exportJournal } from './export-journal';
import { allEntries } from './journal-api';
import { journalAsJson, journalAsMarkdown, searchEntries } from './journal-export-format';
import { MoodChip } from './mood-chip';
import { MoodOverview } from './mood-overview';
import { type JournalDay, useJournal, useRecentMoods } from './use-journal';

/** From this window width (the side tabs included) the calendar and the days stand side by side. */
const twoColumnsFrom = 1180;

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
  const matchingDays = useMemo(() => {
    if (!query.trim()) return days;
    const matches = new Set(searchEntries(entries, query).map((entry) => entry.day));
    return days.filter((day) => matches.has(day.day));
  }, [days, entries, query]);

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
      {query.trim() === '' && moods.data && days.length > 0 ? (
        <MoodOverview moods={moodsByDay} todayKey={today} language={language} strings={strings} />
      ) : null}
    </View>
  );

  const list = (
    <FlatList
      data={matchingDays}
      keyExtractor={(day) => day.day}
      renderItem={({ item }) => <DayCard item={item} language={language} />}
      ListHeaderComponent={twoColumns ? null : header}
      ListEmptyComponent={
        !loaded ? null : (
          <ThemedText style={styles.note} color="textSecondary" testID="journal-empty">
            {query.trim() ? strings.searchNoMatch.replace('{query}', query.trim()) : strings.journalEmpty}
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

function DayCard({ item, language }: { item: JournalDay; language: Language }) {
  const { strings } = useHaruSession();
  const theme = useTheme();
  const entry = entryOf(item);
  const problem = item.entry.isError
    ? describeProblem(item.entry.error, undefined, strings).message
    : undefined;
  const excerpt = entry
    ? entry.summary || (entry.text.split('\n')[0] ?? '')
    : item.entry.isPending
      ? strings.writingEntry
      : strings.noEntryYet;
  return (
    <Pressable
      onPress={() => router.push(`/journal/${item.day}`)}
      accessibilityRole="link"
      accessibilityLabel={`${formatDay(item.day, language)}. ${excerpt}`}
      style={({ pressed }) => [
        styles.card,
        { backgroundColor: theme.backgroundElement, opacity: pressed ? 0.85 : 1 },
      ]}
      testID={`journal-day-${item.day}`}
    >
      <View style={styles.cardHeader}>
        <ThemedText type="smallBold">{formatDay(item.day, language)}</ThemedText>
        {entry?.mood ? <MoodChip mood={entry.mood} language={language} /> : null}
      </View>
      <ThemedText type="entry" numberOfLines={3} color={entry ? 'text' : 'textSecondary'}>
        {excerpt}
      </ThemedText>
      {problem ? (
        <ThemedText type="small" color="danger">
          {problem}
        </ThemedText>
      ) : null}
    </Pressable>
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
  card: { borderRadius: 16, padding: Spacing.three, gap: Spacing.one },
  cardHeader: {
    flexDirection: 'row',
    justifyContent: 'space-between',
    alignItems: 'center',
    gap: Spacing.two,
  },
});
