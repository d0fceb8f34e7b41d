import type { Ref } from 'react';
import { StyleSheet, TextInput, type TextInputProps } from 'react-native';
import { Fonts } from '@/constants/theme';
import { useTheme } from './use-theme';

/**
 * A text box in the app's font and the theme's colours; on the web a field does not take its page's font,
 * so every box in the app is one of these.
 */
export function TextField({ style, ref, ...rest }: TextInputProps & { ref?: Ref<TextInput> }) {
  const theme = useTheme();
  return (
    <TextInput
      ref={ref}
      placeholderTextColor={theme.textSecondary}
      {...rest}
      style={[styles.field, { color: theme.text, backgroundColor: theme.backgroundElement }, style]}
    />
  );
}

const styles = StyleSheet.create({ field: { fontFamily: Fonts.sans } });
