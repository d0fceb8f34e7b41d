import { router } from 'expo-router';
import { useState } from 'react';
import { Pressable, StyleSheet, useColorScheme, View } from 'react-native';
import { ThemedText } from '@/components/ui/themed-text';
import { useTheme } from '@/components/ui/use-theme';
import { Spacing } from '@/constants/theme';
import type { Language, Strings } from '@/i18n/strings';
import type { DayMood } from './journal-api';
import { addMonths, monthGrid, moodCounts, moodTimeline, streakBefore } from './journal-stats';
import { moodLook } from './moods';

const locale = (language: Language) => (language === 'ko' ? 'ko-KR' : 'en-US');

/** The month's moods as a calendar, the last 30 days at a glance, and a gentle word on keeping at it. */
export function MoodOverview({
  moods,
  todayKey,
  language,
  strings,
}: {
  moods: DayMood[];
  todayKey: string;
  language: Language;
  strings: Strings;
}) {
  const theme = useTheme();
  const scheme = useColorScheme() === 'dark' ? 'dark' : 'light';
  const [month, setMonth] = useState(todayKey.slice(0, 7));
  const byDay = new Map(moods.map((entry) => [entry.day, entry.mood]));
  const timeline = moodTimeline(todayKey, moods);
  const written = timeline.filter((day) => day.mood).length;
  const streak = streakBefore(todayKey, new Set(moods.map((entry) => entry.day)));
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const monthName = new Date(year, monthNumber - 1, 1).toLocaleDateString(locale(language), {
    year: 'numeric',
    month: 'long',
  });
  // 1 November 2026 is a Sunday: the week's days in order, named in the app's language.
  const weekdays = ['01', '02', '03', '04', '05', '06', '07'].map((date) => ({
    key: date,
    label: new Date(`2026-11-${date}T12:00:00`).toLocaleDateString(locale(language), { weekday: 'narrow' }),
  }));

  return (
    <View style={[styles.card, { backgroundColor: theme.backgroundElement }]} testID="mood-calendar">
      <View style={styles.monthBar}>
        <MonthButton label="‹" name={strings.previousMonth} onPress={() => setMonth(addMonths(month, -1))} />
        <ThemedText type="smallBold" accessibilityRole="header">
          {monthName}
        </ThemedText>
        <MonthButton label="›" name={strings.nextMonth} onPress={() => setMonth(addMonths(month, 1))} />
      </View>
      <View style={styles.week}>
        {weekdays.map((weekday) => (
          <ThemedText key={weekday.key} type="caption" color="textSecondary" style={styles.cell}>
            {weekday.label}
          </ThemedText>
        ))}
      </View>
      {monthGrid(month).map((week) => (
        <View key={week[0]?.key} style={styles.week}>
          {week.map(({ key, day }) => {
            if (!day) return <View key={key} style={styles.cell} />;
            const mood = byDay.get(day);
            const look = mood ? moodLook(mood, language) : undefined;
            const label = `${new Date(`${day}T12:00:00`).toLocaleDateString(locale(language), {
              month: 'long',
              day: 'numeric',
            })}${look ? `: ${look.label}` : ''}`;
            return (
              <Pressable
                key={day}
                disabled={!mood}
                onPress={() => router.push(`/journal/${day}`)}
                accessibilityRole={mood ? 'link' : undefined}
                accessibilityLabel={label}
                style={[
                  styles.cell,
                  styles.day,
                  look && { backgroundColor: look.colour[scheme] },
                  day === todayKey && { borderColor: theme.accent, borderWidth: 1 },
                ]}
                testID={`calendar-${day}`}
              >
                <ThemedText type="caption" color={mood ? 'text' : 'textSecondary'}>
                  {Number(day.slice(8))}
                </ThemedText>
                <ThemedText type="caption">{look?.emoji ?? ' '}</ThemedText>
              </Pressable>
            );
          })}
        </View>
      ))}

      <ThemedText type="smallBold" accessibilityRole="header" style={styles.heading}>
        {strings.lastThirtyDays}
      </ThemedText>
      <View
        style={styles.timeline}
        accessibilityElementsHidden
        importantForAccessibility="no-hide-descendants"
      >
        {timeline.map(({ day, mood }) => (
          <View
            key={day}
            style={[
              styles.tick,
              { backgroundColor: mood ? moodLook(mood, language).colour[scheme] : theme.backgroundSelected },
            ]}
          />
        ))}
      </View>
      {written > 0 ? (
        <View style={styles.counts}>
          {moodCounts(timeline).map(([mood, count]) => {
            const look = moodLook(mood, language);
            return (
              <ThemedText key={mood} type="small">
                {look.emoji} {look.label} {count}
              </ThemedText>
            );
          })}
        </View>
      ) : null}
      <ThemedText type="small" color="textSecondary" testID="journal-streak">
        {written === 0
          ? strings.noMoodsYet
          : streak >= 2
            ? strings.streak.replace('{count}', String(streak))
            : strings.writtenRecently.replace('{count}', String(written))}
      </ThemedText>
    </View>
  );
}

function MonthButton({ label, name, onPress }: { label: string; name: string; onPress: () => void }) {
  return (
    <Pressable
      onPress={onPress}
      accessibilityRole="button"
      accessibilityLabel={name}
      style={styles.monthButton}
      hitSlop={8}
    >
      <ThemedText type="heading">{label}</ThemedText>
    </Pressable>
  );
}

const styles = StyleSheet.create({
  card: { borderRadius: 16, padding: Spacing.three, gap: Spacing.one },
  monthBar: { flexDirection: 'row', alignItems: 'center', justifyContent: 'space-between' },
  monthButton: { minWidth: 44, minHeight: 44, alignItems: 'center', justifyContent: 'center' },
  week: { flexDirection: 'row', gap: Spacing.one },
  cell: { flex: 1, alignItems: 'center', textAlign: 'center' },
  day: { borderRadius: 10, paddingVertical: Spacing.half, minHeight: 40 },
  heading: { marginTop: Spacing.two },
  timeline: { flexDirection: 'row', gap: 2, height: 16 },
  tick: { flex: 1, borderRadius: 3 },
  counts: { flexDirection: 'row', flexWrap: 'wrap', columnGap: Spacing.three },
});
