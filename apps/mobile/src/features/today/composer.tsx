import { memo } from 'react';
import { StyleSheet, TextInput, View } from 'react-native';
import { Button } from '@/components/ui/button';
import { useTheme } from '@/components/ui/use-theme';
import { Fonts, Spacing } from '@/constants/theme';
import type { Strings } from '@/i18n/strings';

interface ComposerProps {
  draft: string;
  onChangeDraft: (text: string) => void;
  onSend: (text: string) => void;
  onStop: () => void;
  replying: boolean;
  disabled: boolean;
  strings: Strings;
}

/** Memoised: the reply streaming above it re-renders the screen every frame, not the text box. */
export const Composer = memo(function Composer({
  draft,
  onChangeDraft,
  onSend,
  onStop,
  replying,
  disabled,
  strings,
}: ComposerProps) {
  const theme = useTheme();
  return (
    <View style={[styles.bar, { borderTopColor: theme.border, backgroundColor: theme.background }]}>
      <TextInput
        accessibilityLabel={strings.composerPlaceholder}
        placeholder={strings.composerPlaceholder}
        placeholderTextColor={theme.textSecondary}
        value={draft}
        onChangeText={onChangeDraft}
        multiline
        maxLength={8000}
        editable={!disabled}
        testID="composer-input"
        style={[styles.input, { color: theme.text, backgroundColor: theme.backgroundElement }]}
      />
      {replying ? (
        <Button label={strings.stop} variant="danger" onPress={onStop} testID="stop-button" />
      ) : (
        <Button
          label={strings.send}
          disabled={disabled || !draft.trim()}
          onPress={() => onSend(draft)}
          testID="send-button"
        />
      )}
    </View>
  );
});

const styles = StyleSheet.create({
  bar: {
    flexDirection: 'row',
    alignItems: 'flex-end',
    gap: Spacing.two,
    padding: Spacing.two,
    borderTopWidth: StyleSheet.hairlineWidth,
  },
  input: {
    flex: 1,
    minHeight: 44,
    maxHeight: 160,
    borderRadius: 22,
    paddingHorizontal: Spacing.three,
    paddingVertical: Spacing.two + 2,
    fontSize: 17,
    fontFamily: Fonts.sans,
  },
});
