/**
 * The day a moment belongs to, as `YYYY-MM-DD` in local time, where a day begins at `startHour`:
 * at 02:00 with a 04:00 start, it is still yesterday.
 */
export function dayKeyFor(moment: Date, startHour: number): string {
  const shifted = new Date(moment.getTime());
  shifted.setHours(shifted.getHours() - startHour);
  const month = String(shifted.getMonth() + 1).padStart(2, '0');
  const day = String(shifted.getDate()).padStart(2, '0');
  return `${shifted.getFullYear()}-${month}-${day}`;
}

/** The moment the day after `moment`'s day begins, for scheduling the rollover. */
export function nextDayStart(moment: Date, startHour: number): Date {
  const next = new Date(moment.getTime());
  next.setHours(startHour, 0, 0, 0);
  if (next.getTime() <= moment.getTime()) next.setDate(next.getDate() + 1);
  return next;
}

/** `2026-11-25` as the reader's language writes a date; `short` where a narrow title must hold it. */
export function formatDay(dayKey: string, language: 'ko' | 'en', length: 'long' | 'short' = 'long'): string {
  const [year, month, day] = dayKey.split('-').map(Number) as [number, number, number];
  const date = new Date(year, month - 1, day);
  return date.toLocaleDateString(language === 'ko' ? 'ko-KR' : 'en-US', {
    weekday: length,
    year: 'numeric',
    month: length,
    day: 'numeric',
  });
}

/** The day key `count` days after (or before, when negative) `dayKey`. */
export function addDays(dayKey: string, count: number): string {
  const [year, month, day] = dayKey.split('-').map(Number) as [number, number, number];
  const date = new Date(year, month - 1, day + count);
  const mm = String(date.getMonth() + 1).padStart(2, '0');
  const dd = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${mm}-${dd}`;
}

/** Whether a text names a real calendar day as `YYYY-MM-DD` (not `2026-02-30`, not `not-a-day`). */
export function isDayKey(text: unknown): text is string {
  return typeof text === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(text) && addDays(text, 0) === text;
}
