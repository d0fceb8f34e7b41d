import { useEffect } from 'react';
import { useHaruSession } from '../session/haru-session';
import { scheduleDailyReminder } from './daily-reminder';

/** Keeps the scheduled reminder in step with its setting and the app's language. */
export function useDailyReminder() {
  const { settings, strings } = useHaruSession();
  const hour = settings.reminderHour;
  useEffect(() => {
    if (hour === null) return;
    scheduleDailyReminder(hour, strings).catch((error: unknown) =>
      console.warn('Could not schedule the daily reminder:', error),
    );
  }, [hour, strings]);
}
