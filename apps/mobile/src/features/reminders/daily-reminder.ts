import * as Notifications from 'expo-notifications';
import { Platform } from 'react-native';
import type { Strings } from '@/i18n/strings';

export const remindersAvailable = true;

const channelId = 'daily-reminder';

/**
 * Replaces Haru's daily reminder: one local notification at `hour`:00 in the app's language, or none.
 * 'denied' when the person has turned notifications off for Haru.
 */
export async function scheduleDailyReminder(
  hour: number | null,
  strings: Strings,
): Promise<'scheduled' | 'off' | 'denied'> {
  await Notifications.cancelAllScheduledNotificationsAsync();
  if (hour === null) return 'off';
  const permission = await Notifications.requestPermissionsAsync();
  if (!permission.granted) return 'denied';
  if (Platform.OS === 'android') {
    await Notifications.setNotificationChannelAsync(channelId, {
      name: strings.reminder,
      importance: Notifications.AndroidImportance.DEFAULT,
    });
  }
  await Notifications.scheduleNotificationAsync({
    content: { title: strings.reminderTitle, body: strings.reminderBody },
    trigger: { type: Notifications.SchedulableTriggerInputTypes.DAILY, hour, minute: 0, channelId },
  });
  return 'scheduled';
}
