import { Pressable, StyleSheet } from 'react-native';
import { Spacing } from '@/constants/theme';
import { ThemedText } from './themed-text';
import { useTheme } from './use-theme';

/** One option of a radio group, drawn as a pill filled when chosen. */
export function Choice({
  label,
  selected,
  onPress,
  testID,
}: {
  label: string;
  selected: boolean;
  onPress: () => void;
  testID?: string;
}) {
  const theme = useTheme();
  return (
    <Pressable
      accessibilityRole="radio"
      accessibilityState={{ selected, checked: selected }}
      onPress={onPress}
      testID={testID}
      style={[styles.choice, { backgroundColor: selected ? theme.accent : theme.backgroundElement }]}
    >
      <ThemedText type="smallBold" style={{ color: selected ? theme.onAccent : theme.text }}>
        {label}
      </ThemedText>
    </Pressable>
  );
}

const styles = StyleSheet.create({
  choice: {
    minHeight: 44,
    minWidth: 64,
    paddingHorizontal: Spacing.three,
    borderRadius: 22,
    justifyContent: 'center',
    alignItems: 'center',
  },
});
