import { router } from 'expo-router';
import { StyleSheet, View } from 'react-native';
import { Button } from '@/components/ui/button';
import { Screen } from '@/components/ui/screen';
import { ThemedText } from '@/components/ui/themed-text';
import { Spacing } from '@/constants/theme';
import { useHaruSession } from '../session/haru-session';

/** An address Haru has no page for (a mistyped link, an old bookmark), said in the app's language. */
export function NotFoundScreen() {
  const { strings } = useHaruSession();
  return (
    <Screen title={strings.notFoundTitle}>
      <View style={styles.page} testID="not-found">
        <ThemedText color="textSecondary">{strings.notFoundBody}</ThemedText>
        <Button label={strings.goToToday} onPress={() => router.replace('/')} testID="go-to-today" />
      </View>
    </Screen>
  );
}

const styles = StyleSheet.create({
  page: { gap: Spacing.three, paddingVertical: Spacing.three },
});
