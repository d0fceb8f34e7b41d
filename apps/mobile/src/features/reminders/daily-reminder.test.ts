import * as Notifications from 'expo-notifications';
import { strings } from '@/i18n/strings';
import { scheduleDailyReminder } from './daily-reminder';

jest.mock('expo-notifications', () =>
  require('../../../test-support/notifications-mock').notificationsMock(),
);

describe('the daily reminder', () => {
  beforeEach(() => jest.clearAllMocks());

  it('is one notification a day at the chosen time, in the app’s language, replacing the one before', async () => {
    await expect(scheduleDailyReminder({ hour: 21, minute: 30 }, strings.ko)).resolves.toBe('scheduled');
    expect(Notifications.cancelAllScheduledNotificationsAsync).toHaveBeenCalled();
    expect(Notifications.scheduleNotificationAsync).toHaveBeenCalledWith({
      content: { title: '하루', body: strings.ko.reminderBody },
      trigger: expect.objectContaining({ type: 'daily', hour: 21, minute: 30 }),
    });
  });

  it('turned off, leaves none', async () => {
    await expect(scheduleDailyReminder(null, strings.en)).resolves.toBe('off');
    expect(Notifications.cancelAllScheduledNotificationsAsync).toHaveBeenCalled();
    expect(Notifications.scheduleNotificationAsync).not.toHaveBeenCalled();
  });

  it('says so when notifications are turned off for Haru', async () => {
    jest.mocked(Notifications.requestPermissionsAsync).mockResolvedValueOnce({ granted: false } as never);
    await expect(scheduleDailyReminder({ hour: 8, minute: 0 }, strings.en)).resolves.toBe('denied');
    expect(Notifications.scheduleNotificationAsync).not.toHaveBeenCalled();
  });
});
