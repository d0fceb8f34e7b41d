import { Pressable, type PressableProps, StyleSheet } from 'react-native';
import { Spacing } from '@/constants/theme';
import { ThemedText } from './themed-text';
import { useTheme } from './use-theme';

export type ButtonProps = Omit<PressableProps, 'children'> & {
  label: string;
  /** What a screen reader says when the visible label is not enough. */
  accessibilityLabel?: string;
  variant?: 'primary' | 'secondary' | 'danger';
};

export function Button({ label, variant = 'primary', disabled, style, ...rest }: ButtonProps) {
  const theme = useTheme();
  const background =
    variant === 'primary' ? theme.accent : variant === 'danger' ? theme.danger : theme.backgroundSelected;
  const foreground = disabled ? theme.textSecondary : variant === 'secondary' ? theme.text : theme.onAccent;
  return (
    <Pressable
      accessibilityRole="button"
      accessibilityState={{ disabled: Boolean(disabled) }}
      disabled={disabled}
      style={(state) => [
        styles.button,
        // A dimmed accent left its label unreadable (dark on brown in dark mode): disabled is an outline.
        disabled
          ? { backgroundColor: 'transparent', borderWidth: 1, borderColor: theme.border }
          : { backgroundColor: background, opacity: state.pressed ? 0.8 : 1 },
        typeof style === 'function' ? style(state) : style,
      ]}
      {...rest}
    >
      <ThemedText type="smallBold" style={{ color: foreground }}>
        {label}
      </ThemedText>
    </Pressable>
  );
}

const styles = StyleSheet.create({
  button: {
    minHeight: 44,
    minWidth: 44,
    paddingHorizontal: Spacing.three,
    borderRadius: 22,
    alignItems: 'center',
    justifyContent: 'center',
  },
});
