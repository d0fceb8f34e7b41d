import { StyleSheet, View } from 'react-native';
import { Button } from '@/components/ui/button';
import { ThemedText } from '@/components/ui/themed-text';
import { Spacing } from '@/constants/theme';
import { formatDay } from '../days/day-key';
import { useHaruSession } from '../session/haru-session';
import { describeProblem } from '../session/problems';

/**
 * On a day's entry card: why its entry could not be had, and "Try again". While a new attempt runs, the
 * card shows its progress as for the first attempt, and this goes until the attempt ends.
 */
export function EntryRetry({ day, error, onRetry }: { day: string; error: unknown; onRetry: () => void }) {
  const { strings, language } = useHaruSession();
  return (
    <View style={styles.problem}>
      <ThemedText type="small" color="danger" accessibilityRole="alert" testID={`entry-problem-${day}`}>
        {describeProblem(error, undefined, strings).message}
      </ThemedText>
      <Button
        label={strings.entryTryAgain}
        accessibilityLabel={strings.entryTryAgainFor.replace('{day}', formatDay(day, language))}
        variant="secondary"
        onPress={onRetry}
        style={styles.button}
        testID={`retry-entry-${day}`}
      />
    </View>
  );
}

const styles = StyleSheet.create({
  problem: { gap: Spacing.two },
  button: { alignSelf: 'flex-start' },
});
