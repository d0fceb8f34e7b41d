import { memo } from 'react';
import { StyleSheet, View } from 'react-native';
import { Button } from '@/components/ui/button';
import { ThemedText } from '@/components/ui/themed-text';
import { useTheme } from '@/components/ui/use-theme';
import { Spacing } from '@/constants/theme';
import type { Language, Strings } from '@/i18n/strings';
import { problemMessage } from '../session/problems';
import type { ChatRow } from './chat-row';
import { TypingIndicator } from './typing-indicator';

interface MessageRowProps {
  row: ChatRow;
  /** The streamed text when this row is the reply being written. */
  streamingText?: string | undefined;
  strings: Strings;
  language: Language;
  /** Given only where asking again makes sense: the newest reply. */
  onRetry?: ((row: ChatRow) => void) | undefined;
}

const timeOf = (unixSeconds: number, language: Language) =>
  new Date(unixSeconds * 1000).toLocaleTimeString(language === 'ko' ? 'ko-KR' : 'en-US', {
    hour: 'numeric',
    minute: '2-digit',
  });

/** One bubble; memoised so that only the row being streamed re-renders as text arrives. */
export const MessageRow = memo(function MessageRow({
  row,
  streamingText,
  strings,
  language,
  onRetry,
}: MessageRowProps) {
  const theme = useTheme();
  const mine = row.role === 'user';
  const text = row.opening ? strings.opening : (streamingText ?? row.text);
  const waiting = row.status === 'streaming' && !text;
  const failed = row.status === 'error';
  return (
    <View style={[styles.row, mine ? styles.mine : styles.theirs]}>
      {/* A reply stopped before its first word has no bubble, only its "Stopped" label. */}
      {waiting || text ? (
        <View
          accessibilityLabel={`${mine ? strings.you : strings.haru}: ${waiting ? strings.haruIsTyping : text}`}
          style={[
            styles.bubble,
            mine
              ? { backgroundColor: theme.userBubble }
              : {
                  backgroundColor: theme.haruBubble,
                  borderColor: theme.border,
                  borderWidth: StyleSheet.hairlineWidth,
                },
          ]}
        >
          {waiting ? (
            <TypingIndicator label={strings.haruIsTyping} />
          ) : (
            <ThemedText selectable style={mine ? { color: theme.onUserBubble } : undefined}>
              {text}
            </ThemedText>
          )}
        </View>
      ) : null}
      {row.status === 'stopped' ? (
        <ThemedText type="small" color="textSecondary">
          {strings.stopped}
        </ThemedText>
      ) : null}
      {row.status === 'streaming' || row.status === 'sending' ? null : (
        <ThemedText type="caption" color="textSecondary" testID="message-time">
          {timeOf(row.at, language)}
        </ThemedText>
      )}
      {failed && onRetry ? (
        <View style={[styles.problem, mine ? styles.mine : styles.theirs]} accessibilityLiveRegion="polite">
          <ThemedText type="small" color="danger" accessibilityRole="alert">
            {row.problem ? problemMessage(row.problem, strings) : strings.errorReplyInterrupted}
          </ThemedText>
          <Button
            label={strings.retry}
            variant="secondary"
            onPress={() => onRetry(row)}
            testID={`retry-${row.key}`}
          />
        </View>
      ) : null}
    </View>
  );
});

const styles = StyleSheet.create({
  row: { paddingHorizontal: Spacing.three, paddingVertical: Spacing.one, gap: Spacing.half },
  mine: { alignItems: 'flex-end' },
  theirs: { alignItems: 'flex-start' },
  bubble: {
    maxWidth: '85%',
    borderRadius: 20,
    paddingHorizontal: Spacing.three,
    paddingVertical: Spacing.two,
  },
  problem: { gap: Spacing.one, maxWidth: '85%' },
});
