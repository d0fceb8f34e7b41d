import type { Message, Thread } from '@haru/client';
import { messageText } from '@haru/client';
import { useCallback, useEffect, useState } from 'react';
import { ScrollView, StyleSheet, View } from 'react-native';
import { Button } from '@/components/ui/button';
import { Screen } from '@/components/ui/screen';
import { ThemedText } from '@/components/ui/themed-text';
import { useTheme } from '@/components/ui/use-theme';
import { Spacing } from '@/constants/theme';
import { formatDay } from '../days/day-key';
import { messagesOf } from '../days/day-threads';
import { type Connection, useHaruSession } from '../session/haru-session';
import { describeProblem } from '../session/problems';
import type { DiaryEntry } from './diary-entry';
import { readDayEntry, writeEntry } from './journal-api';

export function DayScreen({ day }: { day: string }) {
  const { connection, language, strings } = useHaruSession();
  return (
    <Screen title={formatDay(day, language)}>
      {connection ? <Day connection={connection} day={day} /> : <ThemedText>{strings.connecting}</ThemedText>}
    </Screen>
  );
}

interface DayState {
  conversation: Thread | undefined;
  messages: Message[];
  entry: DiaryEntry | undefined;
}

function Day({ connection, day }: { connection: Connection; day: string }) {
  const { client, diaristId } = connection;
  const { strings, language } = useHaruSession();
  const theme = useTheme();
  const [state, setState] = useState<DayState | undefined>(undefined);
  const [writing, setWriting] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);

  const load = useCallback(async () => {
    setProblem(undefined);
    try {
      const [conversations, entries] = await Promise.all([
        client.threads.list({ limit: 1, metadata: { day, kind: 'conversation' } }),
        client.threads.list({ limit: 100, metadata: { day, kind: 'entry' } }),
      ]);
      const conversation = conversations.data[0];
      setState({
        conversation,
        messages: conversation ? await messagesOf(client, conversation.id) : [],
        entry: await readDayEntry(client, entries.data),
      });
    } catch (error) {
      setProblem(describeProblem(error, undefined, strings).message);
    }
  }, [client, day, strings]);

  useEffect(() => {
    void load();
  }, [load]);

  const write = async () => {
    if (!state?.conversation) return;
    setWriting(true);
    setProblem(undefined);
    try {
      const entry = await writeEntry(client, diaristId, state.conversation, language);
      if (entry) setState({ ...state, entry });
      else setProblem(strings.nothingToWrite);
    } catch (error) {
      setProblem(describeProblem(error, undefined, strings).message);
    } finally {
      setWriting(false);
    }
  };

  return (
    <ScrollView contentContainerStyle={styles.page} testID="day-screen">
      {problem ? (
        <View style={styles.section}>
          <ThemedText color="danger" accessibilityRole="alert">
            {problem}
          </ThemedText>
          <Button label={strings.retry} onPress={load} />
        </View>
      ) : null}
      <View style={[styles.entry, { backgroundColor: theme.backgroundElement }]} testID="diary-entry">
        {state?.entry ? (
          <>
            {state.entry.text.split(/\n\s*\n/).map((paragraph) => (
              <ThemedText key={paragraph.slice(0, 40)} type="entry">
                {paragraph}
              </ThemedText>
            ))}
            {state.entry.mood ? (
              <ThemedText type="smallBold" color="textSecondary">
                {strings.mood}: {state.entry.mood}
              </ThemedText>
            ) : null}
          </>
        ) : (
          <>
            <ThemedText color="textSecondary">
              {writing ? strings.writingEntry : strings.noEntryYet}
            </ThemedText>
            {state?.conversation && !writing ? (
              <Button label={strings.writeEntry} onPress={write} testID="write-entry" />
            ) : null}
          </>
        )}
      </View>
      <ThemedText type="heading" accessibilityRole="header">
        {strings.conversation}
      </ThemedText>
      {state?.messages.map((message) => (
        <View key={message.id} style={[styles.line, message.role === 'user' ? styles.mine : undefined]}>
          <ThemedText type="small" color="textSecondary">
            {message.role === 'user' ? strings.you : strings.haru}
          </ThemedText>
          <ThemedText selectable>{messageText(message)}</ThemedText>
        </View>
      ))}
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  page: { padding: Spacing.three, gap: Spacing.three },
  section: { gap: Spacing.two },
  entry: { borderRadius: 16, padding: Spacing.three, gap: Spacing.three },
  line: { gap: Spacing.half },
  mine: { alignItems: 'flex-end' },
});
