/**
 * The parts of expo-notifications Haru's reminder uses, as jest functions, for `jest.mock`:
 * `jest.mock('expo-notifications', () => require('…/test-support/notifications-mock').notificationsMock())`.
 */
export function notificationsMock() {
  return {
    cancelAllScheduledNotificationsAsync: jest.fn(async () => undefined),
    requestPermissionsAsync: jest.fn(async () => ({ granted: true })),
    setNotificationChannelAsync: jest.fn(async () => undefined),
    scheduleNotificationAsync: jest.fn(async () => 'reminder'),
    AndroidImportance: { DEFAULT: 3 },
    SchedulableTriggerInputTypes: { DAILY: 'daily' },
  };
}
