import { addMonths, monthGrid, moodCounts, moodTimeline, streakBefore } from './journal-stats';

describe('journal stats', () => {
  it('counts days written in a row up to yesterday, across a month’s end', () => {
    const written = new Set(['2026-11-30', '2026-11-29', '2026-11-27']);
    expect(streakBefore('2026-12-01', written)).toBe(2);
    expect(streakBefore('2026-12-02', written)).toBe(0);
  });

  it('lays the last 30 days out oldest first with their moods, and counts them', () => {
    const timeline = moodTimeline('2026-11-26', [
      { day: '2026-11-25', mood: 'tired' },
      { day: '2026-11-24', mood: 'calm' },
      { day: '2026-11-20', mood: 'tired' },
      { day: '2026-10-01', mood: 'sad' },
    ]);
    expect(timeline).toHaveLength(30);
    expect(timeline[0]?.day).toBe('2026-10-27');
    expect(timeline.at(-1)).toEqual({ day: '2026-11-25', mood: 'tired' });
    expect(moodCounts(timeline)).toEqual([
      ['tired', 2],
      ['calm', 1],
    ]);
  });

  it('draws a month as weeks starting on Sunday', () => {
    const weeks = monthGrid('2026-11');
    expect(weeks[0]?.[0]?.day).toBe('2026-11-01');
    expect(weeks.flat().filter((cell) => cell.day)).toHaveLength(30);
    expect(weeks.every((week) => week.length === 7)).toBe(true);
    expect(addMonths('2026-01', -1)).toBe('2025-12');
  });
});
