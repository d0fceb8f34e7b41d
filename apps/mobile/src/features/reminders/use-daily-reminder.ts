import { useEffect } from 'react';
import { useHaruSession } from '../session/haru-session';
import { scheduleDailyReminder } from './daily-reminder';

/**
 * Keeps the scheduled reminder in step with its setting and the app's language: the one place a
 * reminder is scheduled, moved or cancelled (Settings only asks for permission when turning it on).
 */
export function useDailyReminder() {
  const { settings, strings } = useHaruSession();
  const hour = settings.reminderAt?.hour;
  const minute = settings.reminderAt?.minute;
  useEffect(() => {
    const at = hour === undefined || minute === undefined ? null : { hour, minute };
    scheduleDailyReminder(at, strings).catch((error: unknown) =>
      console.warn('Could not schedule the daily reminder:', error),
    );
  }, [hour, minute, strings]);
}
