import { addDays } from '../days/day-key';
import type { DayMood } from './journal-api';

/** Days written in a row, counting back from yesterday (today is still being written). */
export function streakBefore(todayKey: string, written: Set<string>): number {
  let count = 0;
  while (written.has(addDays(todayKey, -(count + 1)))) count++;
  return count;
}

/** The last `length` days before today, oldest first, each with its mood when it has one. */
export function moodTimeline(todayKey: string, moods: DayMood[], length = 30) {
  const byDay = new Map(moods.map((entry) => [entry.day, entry.mood]));
  return Array.from({ length }, (_, index) => {
    const day = addDays(todayKey, index - length);
    return { day, mood: byDay.get(day) };
  });
}

/** How often each mood came up, most often first. */
export function moodCounts(timeline: Array<{ mood: string | undefined }>): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const { mood } of timeline) if (mood) counts.set(mood, (counts.get(mood) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}

/** The weeks of a month as rows of seven cells (a day, or a blank outside the month), weeks starting on Sunday. */
export function monthGrid(monthKey: string): Array<Array<{ key: string; day: string | undefined }>> {
  const [year, month] = monthKey.split('-').map(Number) as [number, number];
  const first = new Date(year, month - 1, 1);
  const length = new Date(year, month, 0).getDate();
  const days: Array<string | undefined> = Array.from({ length: first.getDay() }, () => undefined);
  for (let day = 1; day <= length; day++) days.push(`${monthKey}-${String(day).padStart(2, '0')}`);
  while (days.length % 7 !== 0) days.push(undefined);
  const cells = days.map((day, place) => ({ key: day ?? `blank-${place}`, day }));
  return Array.from({ length: cells.length / 7 }, (_, week) => cells.slice(week * 7, week * 7 + 7));
}

/** The month before or after `monthKey` (`YYYY-MM`). */
export function addMonths(monthKey: string, count: number): string {
  const [year, month] = monthKey.split('-').map(Number) as [number, number];
  const date = new Date(year, month - 1 + count, 1);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}
