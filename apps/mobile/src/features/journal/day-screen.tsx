import { type DiaryMood, diaryMoods } from '@haru/client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { router } from 'expo-router';
import { useRef, useState } from 'react';
import { Pressable, ScrollView, StyleSheet, View } from 'react-native';
import { Button } from '@/components/ui/button';
import { Screen } from '@/components/ui/screen';
import { StatusNotice } from '@/components/ui/status-notice';
import { TextField } from '@/components/ui/text-field';
import { ThemedText } from '@/components/ui/themed-text';
import { useTheme } from '@/components/ui/use-theme';
import { Fonts, Spacing } from '@/constants/theme';
import { formatDay } from '../days/day-key';
import { messagesOf } from '../days/day-threads';
import { ConnectionGate } from '../session/connection-gate';
import { type Connection, useHaruSession } from '../session/haru-session';
import { describeProblem, type ProblemKind, problemKind, problemMessage } from '../session/problems';
import { useReportSignOut } from '../session/use-report-sign-out';
import { rowFromMessage } from '../today/chat-row';
import { MessageRow } from '../today/message-row';
import { deleteDay, readDayEntry, type StoredEntry, saveEditedEntry } from './journal-api';
import { MoodChip } from './mood-chip';
import { moodLook } from './moods';
import { UnwrittenEntry } from './unwritten-entry';
import { type DayEntry, journalKeys, useRefreshJournal } from './use-journal';

/** Back to the Journal: the previous screen when there is one, the Journal itself after a reload. */
const backToJournal = () => (router.canGoBack() ? router.back() : router.replace('/journal'));

export function DayScreen({ day }: { day: string }) {
  const { language, strings } = useHaruSession();
  return (
    <Screen
      title={formatDay(day, language, 'short')}
      leading={
        <Button
          label={`‹ ${strings.back}`}
          accessibilityLabel={strings.back}
          variant="secondary"
          onPress={backToJournal}
          testID="back"
        />
      }
    >
      <ConnectionGate>{(connection) => <Day connection={connection} day={day} />}</ConnectionGate>
    </Screen>
  );
}

function Day({ connection, day }: { connection: Connection; day: string }) {
  const { client } = connection;
  const { strings, language } = useHaruSession();
  const theme = useTheme();
  const refreshJournal = useRefreshJournal();
  const reportSignOut = useReportSignOut();
  const [problem, setProblem] = useState<ProblemKind | undefined>(undefined);
  const [editing, setEditing] = useState<StoredEntry | undefined>(undefined);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [busy, setBusy] = useState(false);
  const page = useRef<ScrollView>(null);

  const conversation = useQuery({
    queryKey: ['journal', 'conversation', day],
    queryFn: async () => {
      const found = (await client.threads.list({ limit: 1, metadata: { day, kind: 'conversation' } }))
        .data[0];
      return { thread: found, messages: found ? await messagesOf(client, found.id) : [] };
    },
  });
  const queryClient = useQueryClient();
  const entry = useQuery({
    queryKey: journalKeys.storedEntry(day),
    queryFn: async (): Promise<DayEntry> => (await readDayEntry(client, day)) ?? 'nothing-written',
    // Shown at once when the Journal holds it, and read again meanwhile.
    placeholderData: () => {
      const known = queryClient.getQueryData<DayEntry>(journalKeys.entry(day));
      return known && known !== 'nothing-written' ? known : undefined;
    },
  });
  const stored = entry.data && entry.data !== 'nothing-written' ? entry.data : undefined;

  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await work();
    } catch (error) {
      reportSignOut(error);
      setProblem(problemKind(error, undefined));
    } finally {
      setBusy(false);
    }
  };

  const saveEdit = () =>
    act(async () => {
      if (!editing) return;
      await saveEditedEntry(client, { ...editing, text: editing.text.trim() });
      setEditing(undefined);
      await refreshJournal();
    });

  const remove = () =>
    act(async () => {
      await deleteDay(client, day);
      await refreshJournal();
      backToJournal();
    });

  const failure = conversation.error ?? entry.error;
  if (failure && !conversation.data) {
    return (
      <StatusNotice
        message={describeProblem(failure, undefined, strings).message}
        retry={{
          label: strings.retry,
          onPress: () => void Promise.all([conversation.refetch(), entry.refetch()]),
        }}
      />
    );
  }

  // A day deleted, never written, or still to come: nothing to show, and nothing to delete.
  if (conversation.data && !conversation.data.thread && entry.data === 'nothing-written') {
    return (
      <ThemedText color="textSecondary" style={styles.page} testID="day-empty">
        {strings.dayEmpty}
      </ThemedText>
    );
  }

  return (
    <ScrollView
      ref={page}
      contentContainerStyle={styles.page}
      // The confirmation opens below the fold: its buttons are brought into view.
      onContentSizeChange={() => confirmingDelete && page.current?.scrollToEnd({ animated: true })}
      testID="day-screen"
    >
      {problem ? (
        <ThemedText color="danger" accessibilityRole="alert">
          {problemMessage(problem, strings)}
        </ThemedText>
      ) : null}
      <View style={[styles.entry, { backgroundColor: theme.backgroundElement }]} testID="diary-entry">
        {editing ? (
          <>
            <TextField
              value={editing.text}
              onChangeText={(text) => setEditing({ ...editing, text })}
              multiline
              accessibilityLabel={strings.edit}
              style={[styles.editor, { backgroundColor: theme.background }]}
              testID="entry-editor"
            />
            <View style={styles.moods} accessibilityRole="radiogroup">
              {diaryMoods.map((mood) => (
                <MoodChoice
                  key={mood}
                  mood={mood}
                  selected={editing.mood === mood}
                  onPress={() => setEditing({ ...editing, mood })}
                />
              ))}
            </View>
            <View style={styles.actions}>
              <Button
                label={strings.save}
                disabled={busy || editing.text.trim() === ''}
                onPress={saveEdit}
                testID="save-entry"
              />
              <Button label={strings.cancel} variant="secondary" onPress={() => setEditing(undefined)} />
            </View>
          </>
        ) : stored ? (
          <>
            {stored.text.split(/\n\s*\n/).map((paragraph) => (
              <ThemedText key={paragraph.slice(0, 40)} type="entry" selectable>
                {paragraph}
              </ThemedText>
            ))}
            <View style={styles.actions}>
              {stored.mood ? <MoodChip mood={stored.mood} language={language} /> : null}
              <Button
                label={strings.edit}
                variant="secondary"
                onPress={() => setEditing(stored)}
                testID="edit-entry"
              />
            </View>
          </>
        ) : (
          <UnwrittenEntry
            connection={connection}
            day={day}
            conversation={conversation.data?.thread}
            entry={entry}
            disabled={busy}
          />
        )}
      </View>
      <ThemedText type="heading" accessibilityRole="header">
        {strings.conversation}
      </ThemedText>
      <View style={styles.conversation}>
        {conversation.data?.messages.map(rowFromMessage).map((row) => (
          <MessageRow key={row.key} row={row} strings={strings} language={language} />
        ))}
      </View>
      <View style={styles.danger}>
        {confirmingDelete ? (
          <>
            <ThemedText accessibilityRole="alert">{strings.deleteDayConfirm}</ThemedText>
            <View style={styles.actions}>
              <Button
                label={busy ? strings.deleting : strings.deleteForGood}
                variant="danger"
                disabled={busy}
                onPress={remove}
                testID="confirm-delete-day"
              />
              <Button label={strings.cancel} variant="secondary" onPress={() => setConfirmingDelete(false)} />
            </View>
          </>
        ) : (
          <Button
            label={strings.deleteDay}
            variant="secondary"
            onPress={() => setConfirmingDelete(true)}
            testID="delete-day"
          />
        )}
      </View>
    </ScrollView>
  );
}

function MoodChoice({
  mood,
  selected,
  onPress,
}: {
  mood: DiaryMood;
  selected: boolean;
  onPress: () => void;
}) {
  const { language } = useHaruSession();
  const theme = useTheme();
  const look = moodLook(mood, language);
  return (
    <Pressable
      accessibilityRole="radio"
      accessibilityState={{ selected, checked: selected }}
      accessibilityLabel={look.label}
      onPress={onPress}
      style={[styles.moodChoice, { borderColor: selected ? theme.accent : theme.border }]}
      testID={`mood-${mood}`}
    >
      <ThemedText type="small">
        {look.emoji} {look.label}
      </ThemedText>
    </Pressable>
  );
}

const styles = StyleSheet.create({
  page: { padding: Spacing.three, gap: Spacing.three },
  entry: { borderRadius: 16, padding: Spacing.three, gap: Spacing.three },
  editor: {
    minHeight: 200,
    borderRadius: 12,
    padding: Spacing.three,
    fontSize: 17,
    lineHeight: 28,
    fontFamily: Fonts.serif,
    textAlignVertical: 'top',
  },
  moods: { flexDirection: 'row', flexWrap: 'wrap', gap: Spacing.one },
  moodChoice: {
    minHeight: 36,
    justifyContent: 'center',
    paddingHorizontal: Spacing.two,
    borderRadius: 18,
    borderWidth: 1,
  },
  actions: { flexDirection: 'row', flexWrap: 'wrap', alignItems: 'center', gap: Spacing.two },
  // The rows keep their own side padding, as on Today.
  conversation: { marginHorizontal: -Spacing.three },
  danger: { gap: Spacing.two, paddingTop: Spacing.four },
});
