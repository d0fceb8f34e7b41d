import { useState } from 'react';
import { addDays } from '../days/day-key';

/**
 * The day Today shows, and the day shown before it (whose unsent draft it takes over). It follows
 * `today`, except while `exchanging`: a message being sent or a reply streaming is not cut off by the
 * day's start hour, and the screen rolls over once it settles.
 */
export function useShownDay(today: string, exchanging: boolean): { day: string; dayBefore: string } {
  const [shown, setShown] = useState(() => ({ day: today, dayBefore: addDays(today, -1) }));
  if (shown.day !== today && !exchanging) setShown({ day: today, dayBefore: shown.day });
  return shown;
}
