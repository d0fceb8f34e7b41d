import { useEffect, useState } from 'react';
import { AppState } from 'react-native';
import { dayKeyFor, nextDayStart } from './day-key';

/** Today's day key, updated at the day boundary and whenever the app comes back to the foreground. */
export function useDayKey(startHour: number): string {
  const [dayKey, setDayKey] = useState(() => dayKeyFor(new Date(), startHour));

  useEffect(() => {
    const refresh = () => setDayKey(dayKeyFor(new Date(), startHour));
    refresh();
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      const wait = Math.max(1000, nextDayStart(new Date(), startHour).getTime() - Date.now());
      timer = setTimeout(
        () => {
          refresh();
          schedule();
        },
        Math.min(wait, 60_000),
      );
    };
    schedule();
    const subscription = AppState.addEventListener('change', (state) => state === 'active' && refresh());
    return () => {
      clearTimeout(timer);
      subscription.remove();
    };
  }, [startHour]);

  return dayKey;
}
