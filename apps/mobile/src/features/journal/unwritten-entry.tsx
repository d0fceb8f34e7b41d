import type { Thread } from '@haru/client';
import { type UseQueryResult, useMutation } from '@tanstack/react-query';
import { ActivityIndicator, StyleSheet, View } from 'react-native';
import { Button } from '@/components/ui/button';
import { ThemedText } from '@/components/ui/themed-text';
import { useTheme } from '@/components/ui/use-theme';
import { Spacing } from '@/constants/theme';
import { type Connection, useHaruSession } from '../session/haru-session';
import { EntryRetry } from './entry-retry';
import { writeEntry } from './journal-api';
import { type DayEntry, useRefreshJournal } from './use-journal';

/**
 * A day's entry card while the day has no entry: reading it, writing it on request, and, when either
 * failed, why, with "Try again" as often as it takes.
 */
export function UnwrittenEntry({
  connection,
  day,
  conversation,
  entry,
  disabled,
}: {
  connection: Connection;
  day: string;
  conversation: Thread | undefined;
  entry: UseQueryResult<DayEntry>;
  /** Another change to the day is under way. */
  disabled: boolean;
}) {
  const { client, diaristId } = connection;
  const { strings, language } = useHaruSession();
  const theme = useTheme();
  const refreshJournal = useRefreshJournal();
  const writing = useMutation({
    mutationFn: async (thread: Thread) => {
      const written = await writeEntry(client, diaristId, thread, language);
      await refreshJournal();
      return written;
    },
  });
  const write = () => conversation && writing.mutate(conversation);

  if (writing.isPending) {
    return (
      <View style={styles.progress} accessibilityLiveRegion="polite" testID="entry-writing">
        <ActivityIndicator color={theme.textSecondary} />
        <ThemedText color="textSecondary">{strings.writingEntry}</ThemedText>
      </View>
    );
  }
  const failed = writing.isError
    ? { error: writing.error, tryAgain: write }
    : entry.isError
      ? { error: entry.error, tryAgain: () => void entry.refetch() }
      : undefined;
  if (failed) {
    return (
      <>
        <ThemedText color="textSecondary">{strings.noEntryYet}</ThemedText>
        <EntryRetry day={day} error={failed.error} onRetry={failed.tryAgain} />
      </>
    );
  }
  const nothingToWrite = writing.isSuccess && writing.data === undefined;
  return (
    <>
      <ThemedText color="textSecondary">
        {entry.isPending ? strings.connecting : strings.noEntryYet}
      </ThemedText>
      {nothingToWrite ? (
        <ThemedText color="danger" accessibilityRole="alert">
          {strings.nothingToWrite}
        </ThemedText>
      ) : null}
      {conversation && entry.data === 'nothing-written' ? (
        <Button label={strings.writeEntry} onPress={write} disabled={disabled} testID="write-entry" />
      ) : null}
    </>
  );
}

const styles = StyleSheet.create({
  // As tall as the button it stands in for, so the page does not jump.
  progress: { flexDirection: 'row', alignItems: 'center', gap: Spacing.two, minHeight: 44 },
});
