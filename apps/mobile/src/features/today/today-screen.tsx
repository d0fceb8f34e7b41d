import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { FlatList, type NativeScrollEvent, type NativeSyntheticEvent, StyleSheet, View } from 'react-native';
import { Button } from '@/components/ui/button';
import { Screen } from '@/components/ui/screen';
import { StatusNotice } from '@/components/ui/status-notice';
import { Spacing } from '@/constants/theme';
import { formatDay } from '../days/day-key';
import { useDayKey } from '../days/use-day-key';
import { ConnectionGate } from '../session/connection-gate';
import { type Connection, useHaruSession } from '../session/haru-session';
import { problemMessage } from '../session/problems';
import type { ChatRow } from './chat-row';
import { Composer } from './composer';
import { KeyboardAware } from './keyboard-aware';
import { MessageRow } from './message-row';
import { OfflineCompanionNotice } from './offline-companion-notice';
import { useDayConversation } from './use-day-conversation';
import { useShownDay } from './use-shown-day';

export function TodayScreen() {
  const { settings, language } = useHaruSession();
  const [exchanging, setExchanging] = useState(false);
  const { day, dayBefore } = useShownDay(useDayKey(settings.dayStartHour), exchanging);
  return (
    <Screen title={formatDay(day, language)}>
      <ConnectionGate>
        {(connection) => (
          <DayConversation
            key={day}
            connection={connection}
            dayKey={day}
            dayBefore={dayBefore}
            onExchanging={setExchanging}
          />
        )}
      </ConnectionGate>
    </Screen>
  );
}

/** Within this many points of the newest message counts as "at the bottom". */
const bottomSlack = 80;

function DayConversation({
  connection,
  dayKey,
  dayBefore,
  onExchanging,
}: {
  connection: Connection;
  dayKey: string;
  dayBefore: string;
  onExchanging: (exchanging: boolean) => void;
}) {
  const { strings, language } = useHaruSession();
  const day = useDayConversation(connection, dayKey, dayBefore);
  useEffect(() => {
    onExchanging(day.exchanging);
    // A conversation taken away (signed out) holds the day no longer.
    return () => onExchanging(false);
  }, [day.exchanging, onExchanging]);
  const list = useRef<FlatList<ChatRow>>(null);
  const [awayFromBottom, setAwayFromBottom] = useState(false);
  // Inverted: the newest row is first, so offset 0 is the bottom of the conversation.
  const newestFirst = useMemo(() => [...day.rows].reverse(), [day.rows]);
  const newestKey = newestFirst[0]?.key;
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
        language={language}
        // Only the newest reply can be asked for again; an older failure is history.
        onRetry={item.key === newestKey ? day.retryReply : undefined}
      />
    ),
    [streaming?.key, streaming?.text, strings, language, newestKey, day.retryReply],
  );
  const sendDraft = useCallback(() => day.send(day.draft), [day.send, day.draft]);

  if (day.load.phase === 'loading') return <StatusNotice message={strings.connecting} />;
  if (day.load.phase === 'failed') {
    return (
      <StatusNotice
        message={day.load.problem.message}
        retry={{ label: strings.retry, onPress: () => void day.reload() }}
      />
    );
  }
  return (
    <KeyboardAware>
      <OfflineCompanionNotice connection={connection} rows={day.rows} />
      <View style={styles.conversation}>
        <FlatList
          ref={list}
          inverted
          data={newestFirst}
          // Enough rows to fill a desktop window at once, so its top never shows a gap while more render.
          initialNumToRender={20}
          // Three screens of rows kept on each side, not ten: as a long reply grows, the list lays out and
          // re-renders that many fewer. In a 500-message day, the longest frame was 33-50 ms, not 33-83.
          windowSize={7}
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
        disabled={false}
        notSent={day.notSent && problemMessage(day.notSent, strings)}
        onRetrySend={sendDraft}
        strings={strings}
      />
    </KeyboardAware>
  );
}

const styles = StyleSheet.create({
  conversation: { flex: 1 },
  messages: { paddingVertical: Spacing.two },
  jump: { position: 'absolute', bottom: Spacing.two, alignSelf: 'center' },
});
