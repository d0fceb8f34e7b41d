import { useCallback, useMemo, useRef, useState } from 'react';
import {
  ActivityIndicator,
  FlatList,
  type NativeScrollEvent,
  type NativeSyntheticEvent,
  StyleSheet,
  View,
} from 'react-native';
import { Button } from '@/components/ui/button';
import { Screen } from '@/components/ui/screen';
import { ThemedText } from '@/components/ui/themed-text';
import { Spacing } from '@/constants/theme';
import { formatDay } from '../days/day-key';
import { useDayKey } from '../days/use-day-key';
import { type Connection, useHaruSession } from '../session/haru-session';
import type { ChatRow } from './chat-row';
import { Composer } from './composer';
import { KeyboardAware } from './keyboard-aware';
import { MessageRow } from './message-row';
import { useDayConversation } from './use-day-conversation';

export function TodayScreen() {
  const { settings, language, connection, startupError, retryStartup, strings } = useHaruSession();
  const dayKey = useDayKey(settings.dayStartHour);
  return (
    <Screen title={formatDay(dayKey, language)}>
      {connection ? (
        <DayConversation key={dayKey} connection={connection} dayKey={dayKey} />
      ) : (
        <Waiting
          message={startupError ? strings.errorUnreachable : strings.connecting}
          detail={startupError?.message}
          onRetry={startupError ? retryStartup : undefined}
        />
      )}
    </Screen>
  );
}

function Waiting({
  message,
  detail,
  onRetry,
}: {
  message: string;
  detail?: string | undefined;
  onRetry?: (() => void) | undefined;
}) {
  const { strings } = useHaruSession();
  return (
    <View style={styles.centered} accessibilityLiveRegion="polite">
      {onRetry ? null : <ActivityIndicator />}
      <ThemedText
        color={onRetry ? 'danger' : 'textSecondary'}
        accessibilityRole={onRetry ? 'alert' : undefined}
      >
        {message}
      </ThemedText>
      {detail ? (
        <ThemedText type="small" color="textSecondary">
          {detail}
        </ThemedText>
      ) : null}
      {onRetry ? <Button label={strings.retry} onPress={onRetry} testID="startup-retry" /> : null}
    </View>
  );
}

/** Within this many points of the newest message counts as "at the bottom". */
const bottomSlack = 80;

function DayConversation({ connection, dayKey }: { connection: Connection; dayKey: string }) {
  const { strings } = useHaruSession();
  const day = useDayConversation(connection, dayKey);
  const list = useRef<FlatList<ChatRow>>(null);
  const [awayFromBottom, setAwayFromBottom] = useState(false);
  // Inverted: the newest row is first, so offset 0 is the bottom of the conversation.
  const newestFirst = useMemo(() => [...day.rows].reverse(), [day.rows]);
  const streaming = day.streaming;

  const onScroll = useCallback((event: NativeSyntheticEvent<NativeScrollEvent>) => {
    setAwayFromBottom(event.nativeEvent.contentOffset.y > bottomSlack);
  }, []);
  const renderItem = useCallback(
    ({ item }: { item: ChatRow }) => (
      <MessageRow
        row={item}
        streamingText={item.key === streaming?.key ? streaming.text : undefined}
        strings={strings}
        onRetry={day.retry}
      />
    ),
    [streaming?.key, streaming?.text, strings, day.retry],
  );

  if (day.load.phase === 'loading' && day.rows.length === 0) return <Waiting message={strings.connecting} />;
  if (day.load.phase === 'failed') {
    return <Waiting message={day.load.problem.message} onRetry={day.reload} />;
  }
  return (
    <KeyboardAware>
      <View style={styles.conversation}>
        <FlatList
          ref={list}
          inverted
          data={newestFirst}
          keyExtractor={(row) => row.key}
          renderItem={renderItem}
          extraData={streaming?.text}
          onScroll={onScroll}
          scrollEventThrottle={100}
          maintainVisibleContentPosition={{ minIndexForVisible: 0, autoscrollToTopThreshold: bottomSlack }}
          keyboardDismissMode="interactive"
          keyboardShouldPersistTaps="handled"
          contentContainerStyle={styles.messages}
          testID="conversation"
        />
        {awayFromBottom ? (
          <View style={styles.jump}>
            <Button
              label={strings.jumpToLatest}
              variant="secondary"
              onPress={() => list.current?.scrollToOffset({ offset: 0, animated: true })}
              testID="jump-to-latest"
            />
          </View>
        ) : null}
      </View>
      <Composer
        draft={day.draft}
        onChangeDraft={day.setDraft}
        onSend={day.send}
        onStop={day.stop}
        replying={day.replying}
        disabled={day.load.phase !== 'ready'}
        strings={strings}
      />
    </KeyboardAware>
  );
}

const styles = StyleSheet.create({
  centered: {
    flex: 1,
    alignItems: 'center',
    justifyContent: 'center',
    gap: Spacing.two,
    padding: Spacing.four,
  },
  conversation: { flex: 1 },
  messages: { paddingVertical: Spacing.two },
  jump: { position: 'absolute', bottom: Spacing.two, alignSelf: 'center' },
});
