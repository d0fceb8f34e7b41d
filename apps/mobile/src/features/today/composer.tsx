import { memo, useRef } from 'react';
import { StyleSheet, type TextInput, View } from 'react-native';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { ThemedText } from '@/components/ui/themed-text';
import { useTheme } from '@/components/ui/use-theme';
import { Spacing } from '@/constants/theme';
import type { Strings } from '@/i18n/strings';
import { useGrowToFit } from './grow-to-fit';
import { sendOnEnter } from './hardware-keyboard';

interface ComposerProps {
  draft: string;
  onChangeDraft: (text: string) => void;
  onSend: (text: string) => void;
  onStop: () => void;
  replying: boolean;
  disabled: boolean;
  /** Why the last message was not sent (its words are back in the box), in the app's language. */
  notSent?: string | undefined;
  onRetrySend: () => void;
  strings: Strings;
}

/** The most one message takes; past it, what was typed or pasted stays whole and the count says how much to trim. */
export const messageLimit = 8000;

const lineHeight = 24;
const verticalPadding = Spacing.two + 2;
/** About six lines, then the box scrolls. */
const maxHeight = lineHeight * 6 + verticalPadding * 2;

/** Memoised: the reply streaming above it re-renders the screen every frame, not the text box. */
export const Composer = memo(function Composer({
  draft,
  onChangeDraft,
  onSend,
  onStop,
  replying,
  disabled,
  notSent,
  onRetrySend,
  strings,
}: ComposerProps) {
  const theme = useTheme();
  const input = useRef<TextInput>(null);
  useGrowToFit(input, draft, maxHeight);
  const over = draft.length - messageLimit;
  const canSend = !disabled && !replying && draft.trim() !== '' && over <= 0;
  return (
    <View style={[styles.composer, { borderTopColor: theme.border, backgroundColor: theme.background }]}>
      {notSent ? (
        <View style={styles.notSent} accessibilityLiveRegion="polite">
          <View style={styles.fill} accessibilityRole="alert">
            <ThemedText type="smallBold" color="danger">
              {strings.errorNotSent}
            </ThemedText>
            <ThemedText type="small" color="danger">
              {notSent}
            </ThemedText>
          </View>
          <Button
            label={strings.retry}
            variant="secondary"
            onPress={onRetrySend}
            disabled={!canSend}
            testID="retry-send"
          />
        </View>
      ) : null}
      {draft.length > messageLimit * 0.9 ? (
        <ThemedText
          type="small"
          color={over > 0 ? 'danger' : 'textSecondary'}
          style={styles.count}
          accessibilityLiveRegion="polite"
          testID="composer-count"
        >
          {over > 0
            ? strings.tooLongToSend.replace('{count}', over.toLocaleString())
            : `${draft.length.toLocaleString()} / ${messageLimit.toLocaleString()}`}
        </ThemedText>
      ) : null}
      <View style={styles.bar}>
        <TextField
          ref={input}
          accessibilityLabel={strings.composerPlaceholder}
          placeholder={strings.composerPlaceholder}
          value={draft}
          onChangeText={onChangeDraft}
          {...sendOnEnter(() => canSend && onSend(draft))}
          multiline
          editable={!disabled}
          testID="composer-input"
          style={styles.input}
        />
        {replying ? (
          <Button label={strings.stop} variant="danger" onPress={onStop} testID="stop-button" />
        ) : (
          <Button
            label={strings.send}
            disabled={!canSend}
            onPress={() => {
              onSend(draft);
            }}
            testID="send-button"
          />
        )}
      </View>
    </View>
  );
});

const styles = StyleSheet.create({
  composer: { borderTopWidth: StyleSheet.hairlineWidth, padding: Spacing.two, gap: Spacing.two },
  notSent: { flexDirection: 'row', alignItems: 'center', gap: Spacing.two, paddingHorizontal: Spacing.two },
  fill: { flex: 1 },
  count: { paddingHorizontal: Spacing.three },
  bar: { flexDirection: 'row', alignItems: 'flex-end', gap: Spacing.two },
  input: {
    flex: 1,
    minHeight: 44,
    maxHeight,
    borderRadius: 22,
    paddingHorizontal: Spacing.three,
    paddingVertical: verticalPadding,
    fontSize: 17,
    lineHeight,
  },
});
