import { router } from 'expo-router';
import { useMemo, useState } from 'react';
import { FlatList, Pressable, StyleSheet, TextInput, View } from 'react-native';
import { Button } from '@/components/ui/button';
import { Screen } from '@/components/ui/screen';
import { ThemedText } from '@/components/ui/themed-text';
import { useTheme } from '@/components/ui/use-theme';
import { Spacing } from '@/constants/theme';
import { formatDay } from '../days/day-key';
import { useDayKey } from '../days/use-day-key';
import { type Connection, useHaruSession } from '../session/haru-session';
import { exportJournal } from './export-journal';
import { journalAsJson, journalAsMarkdown, searchEntries } from './journal-export-format';
import { type JournalDay, useJournal } from './use-journal';

export function JournalScreen() {
  const { connection, strings } = useHaruSession();
  return (
    <Screen title={strings.tabJournal}>
      {connection ? (
        <Journal connection={connection} />
      ) : (
        <ThemedText style={styles.note}>{strings.connecting}</ThemedText>
      )}
    </Screen>
  );
}

function Journal({ connection }: { connection: Connection }) {
  const { strings, language, settings } = useHaruSession();
  const theme = useTheme();
  const today = useDayKey(settings.dayStartHour);
  const journal = useJournal(connection, today);
  const [query, setQuery] = useState('');

  const entries = useMemo(
    () => (journal.days ?? []).flatMap((day) => (day.entry ? [day.entry] : [])),
    [journal.days],
  );
  const matchingDays = useMemo(() => {
    if (!query.trim()) return journal.days ?? [];
    const matches = new Set(searchEntries(entries, query).map((entry) => entry.day));
    return (journal.days ?? []).filter((day) => matches.has(day.day));
  }, [journal.days, entries, query]);

  return (
    <View style={styles.fill}>
      <View style={styles.tools}>
        <TextInput
          value={query}
          onChangeText={setQuery}
          placeholder={strings.searchPlaceholder}
          placeholderTextColor={theme.textSecondary}
          accessibilityLabel={strings.searchPlaceholder}
          style={[styles.search, { color: theme.text, backgroundColor: theme.backgroundElement }]}
          testID="journal-search"
        />
        <View style={styles.exports}>
          <Button
            label={strings.exportMarkdown}
            variant="secondary"
            disabled={entries.length === 0}
            onPress={() =>
              exportJournal('haru-journal.md', journalAsMarkdown(entries, strings), 'text/markdown')
            }
            testID="export-markdown"
          />
          <Button
            label={strings.exportJson}
            variant="secondary"
            disabled={entries.length === 0}
            onPress={() => exportJournal('haru-journal.json', journalAsJson(entries), 'application/json')}
            testID="export-json"
          />
        </View>
      </View>
      {journal.loadError ? (
        <View style={styles.note}>
          <ThemedText color="danger" accessibilityRole="alert">
            {journal.loadError}
          </ThemedText>
          <Button label={strings.retry} onPress={journal.reload} />
        </View>
      ) : null}
      <FlatList
        data={matchingDays}
        keyExtractor={(day) => day.day}
        renderItem={({ item }) => <DayCard item={item} language={language} />}
        ListEmptyComponent={
          journal.days ? (
            <ThemedText style={styles.note} color="textSecondary">
              {strings.journalEmpty}
            </ThemedText>
          ) : null
        }
        contentContainerStyle={styles.list}
        testID="journal-list"
      />
    </View>
  );
}

function DayCard({ item, language }: { item: JournalDay; language: 'ko' | 'en' }) {
  const { strings } = useHaruSession();
  const theme = useTheme();
  const excerpt =
    item.entry?.text.split('\n')[0] ?? (item.writing ? strings.writingEntry : strings.noEntryYet);
  return (
    <Pressable
      onPress={() => router.push(`/journal/${item.day}`)}
      accessibilityRole="link"
      accessibilityLabel={`${formatDay(item.day, language)}. ${item.entry?.mood ? `${strings.mood}: ${item.entry.mood}. ` : ''}${excerpt}`}
      style={({ pressed }) => [
        styles.card,
        { backgroundColor: theme.backgroundElement, opacity: pressed ? 0.85 : 1 },
      ]}
      testID={`journal-day-${item.day}`}
    >
      <View style={styles.cardHeader}>
        <ThemedText type="smallBold">{formatDay(item.day, language)}</ThemedText>
        {item.entry?.mood ? (
          <ThemedText type="small" style={[styles.mood, { backgroundColor: theme.backgroundSelected }]}>
            {item.entry.mood}
          </ThemedText>
        ) : null}
      </View>
      <ThemedText type="entry" numberOfLines={3} color={item.entry ? 'text' : 'textSecondary'}>
        {excerpt}
      </ThemedText>
      {item.problem ? (
        <ThemedText type="small" color="danger">
          {item.problem}
        </ThemedText>
      ) : null}
    </Pressable>
  );
}

const styles = StyleSheet.create({
  fill: { flex: 1 },
  tools: { paddingHorizontal: Spacing.three, gap: Spacing.two, paddingBottom: Spacing.two },
  search: { minHeight: 44, borderRadius: 22, paddingHorizontal: Spacing.three, fontSize: 17 },
  exports: { flexDirection: 'row', flexWrap: 'wrap', gap: Spacing.two },
  list: { padding: Spacing.three, gap: Spacing.two },
  note: { padding: Spacing.three, gap: Spacing.two },
  card: { borderRadius: 16, padding: Spacing.three, gap: Spacing.one },
  cardHeader: {
    flexDirection: 'row',
    justifyContent: 'space-between',
    alignItems: 'center',
    gap: Spacing.two,
  },
  mood: { paddingHorizontal: Spacing.two, borderRadius: 10, overflow: 'hidden' },
});
