import { StyleSheet, useColorScheme, View } from 'react-native';
import { ThemedText } from '@/components/ui/themed-text';
import { Spacing } from '@/constants/theme';
import type { Language } from '@/i18n/strings';
import { moodLook } from './moods';

/** A mood as a small coloured label with its emoji, in the app's language. */
export function MoodChip({ mood, language }: { mood: string; language: Language }) {
  const look = moodLook(mood, language);
  const scheme = useColorScheme() === 'dark' ? 'dark' : 'light';
  return (
    <View style={[styles.chip, { backgroundColor: look.colour[scheme] }]} testID="mood-chip">
      <ThemedText type="small">{look.emoji ? `${look.emoji} ${look.label}` : look.label}</ThemedText>
    </View>
  );
}

const styles = StyleSheet.create({
  chip: { paddingHorizontal: Spacing.two, paddingVertical: Spacing.half, borderRadius: 12 },
});
