import { ActivityIndicator, StyleSheet, View } from 'react-native';
import { Spacing } from '@/constants/theme';
import { Button } from './button';
import { ThemedText } from './themed-text';

/** A screen's whole content while it waits, or why it cannot go on with a way to try again. */
export function StatusNotice({
  message,
  retry,
}: {
  message: string;
  /** Given when something failed: the button's label and what it does. */
  retry?: { label: string; onPress: () => void } | undefined;
}) {
  return (
    <View style={styles.centered} accessibilityLiveRegion="polite">
      {retry ? null : <ActivityIndicator />}
      <ThemedText
        color={retry ? 'danger' : 'textSecondary'}
        accessibilityRole={retry ? 'alert' : undefined}
        style={styles.text}
      >
        {message}
      </ThemedText>
      {retry ? <Button label={retry.label} onPress={retry.onPress} testID="status-retry" /> : null}
    </View>
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
  text: { textAlign: 'center' },
});
