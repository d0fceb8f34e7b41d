import { useEffect } from 'react';
import { useHaruSession } from '../session/haru-session';
import { scheduleDailyReminder } from './daily-reminder';

/** Keeps the scheduled reminder in step with its setting and the app's language. */
export function useDailyReminder() {
  const { settings, strings } = useHaruSession();
  const hour = settings.reminderAt?.hour;
  const minute = settings.reminderAt?.minute;
  useEffect(() => {
    if (hour === undefined || minute === undefined) return;
    scheduleDailyReminder({ hour, minute }, strings).catch((error: unknown) =>
      console.warn('Could not schedule the daily reminder:', error),
    );
  }, [hour, minute, strings]);
}
