import * as Notifications from 'expo-notifications';
import { Platform } from 'react-native';
import type { Strings } from '@/i18n/strings';
import type { TimeOfDay } from '../settings/settings';

export const remindersAvailable = true;

const channelId = 'daily-reminder';

/**
 * Replaces Haru's daily reminder: one local notification a day at `at`, in the app's language, or none.
 * 'denied' when the person has turned notifications off for Haru.
 */
export function scheduleDailyReminder(
  at: TimeOfDay | null,
  strings: Strings,
): Promise<'scheduled' | 'off' | 'denied'> {
  // One after another, in the order asked: two overlapping calls could otherwise leave two reminders,
  // or the earlier time.
  const scheduled = lastScheduling.then(() => replaceReminder(at, strings));
  lastScheduling = scheduled.catch(() => undefined);
  return scheduled;
}

let lastScheduling: Promise<unknown> = Promise.resolve();

async function replaceReminder(
  at: TimeOfDay | null,
  strings: Strings,
): Promise<'scheduled' | 'off' | 'denied'> {
  await Notifications.cancelAllScheduledNotificationsAsync();
  if (at === null) return 'off';
  if (!(await notificationsAllowed())) return 'denied';
  if (Platform.OS === 'android') {
    await Notifications.setNotificationChannelAsync(channelId, {
      name: strings.reminder,
      importance: Notifications.AndroidImportance.DEFAULT,
    });
  }
  await Notifications.scheduleNotificationAsync({
    content: { title: strings.reminderTitle, body: strings.reminderBody },
    trigger: {
      type: Notifications.SchedulableTriggerInputTypes.DAILY,
      hour: at.hour,
      minute: at.minute,
      channelId,
    },
  });
  return 'scheduled';
}

/** Asks for notifications where the person has not decided yet; whether Haru may send them. */
export async function notificationsAllowed(): Promise<boolean> {
  return (await Notifications.requestPermissionsAsync()).granted;
}
