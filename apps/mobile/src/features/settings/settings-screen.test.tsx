import { fireEvent, render, screen, waitFor, within } from '@testing-library/react-native';
import * as Notifications from 'expo-notifications';
import { useState } from 'react';
import { strings } from '@/i18n/strings';
import { gatewayUrl, newTestSession, WithSession } from '../../../test-support/test-session';
import { useDailyReminder } from '../reminders/use-daily-reminder';
import type { HaruSession } from '../session/haru-session';
import type { Settings } from './settings';
import { SettingsScreen } from './settings-screen';

jest.setTimeout(20_000);

jest.mock('expo-notifications', () =>
  require('../../../test-support/notifications-mock').notificationsMock(),
);
// iOS's native time picker, as a plain view whose onChange the test calls as the picker would.
jest.mock('@react-native-community/datetimepicker', () => {
  const { createElement } = require('react');
  const { View } = require('react-native');
  return { __esModule: true, default: (props: object) => createElement(View, props) };
});

/** Settings as the app keeps them: saved, the screen drawn again with them, and the reminder kept in step. */
function WithSavedSettings({ session, onSave }: { session: HaruSession; onSave: (next: Settings) => void }) {
  const [settings, setSettings] = useState(session.settings);
  const saveSettings = async (next: Settings) => {
    onSave(next);
    setSettings(next);
  };
  return (
    <WithSession session={{ ...session, settings, saveSettings }}>
      <KeptReminder />
      <SettingsScreen />
    </WithSession>
  );
}

function KeptReminder() {
  useDailyReminder();
  return null;
}

describe('Settings', () => {
  it.each(['en', 'ko'] as const)('names each group of choices by its section, in %s', async (language) => {
    const session = await newTestSession({ language });
    const words = strings[language];
    await render(
      <WithSession session={session}>
        <SettingsScreen />
      </WithSession>,
    );
    const group = (title: string) => {
      const found = screen.getByLabelText(title);
      expect(found.props.accessibilityRole).toBe('radiogroup');
      return within(found);
    };
    expect(group(words.settingsLanguage).getByText(words.korean)).toBeTruthy();
    expect(group(words.settingsDayStarts).getByText('04:00')).toBeTruthy();
    // Both the reminder and the app lock have an "Off": a screen reader tells them apart by their group.
    expect(group(words.reminder).getByText(words.off)).toBeTruthy();
    expect(group(words.appLock).getByText(words.off)).toBeTruthy();
    await screen.findByText(words.thisDevice);
  });

  it('moves to a new server address only once a Haru server answers there; a mistyped one changes nothing', async () => {
    const session = await newTestSession();
    const saved: string[] = [];
    const original = session.saveSettings;
    session.saveSettings = async (next) => {
      saved.push(next.serverUrl);
      await original(next);
    };
    await render(
      <WithSession session={session}>
        <SettingsScreen />
      </WithSession>,
    );
    const field = screen.getByTestId('server-url');
    await fireEvent.press(screen.getByTestId('language-ko'));
    expect(screen.getByTestId('save-server')).toHaveTextContent(new RegExp(`^${strings.en.save}$`));

    await fireEvent.changeText(field, 'http://127.0.0.1:9');
    await fireEvent.press(screen.getByTestId('save-server'));
    expect(await screen.findByTestId('server-problem')).toHaveTextContent(/http:\/\/127\.0\.0\.1:9/);
    expect(saved.filter((url) => url !== gatewayUrl())).toEqual([]);

    // The address the gateway prints for Assistants apps ends in /v1: the app keeps the server's own.
    await fireEvent.changeText(field, `${gatewayUrl()}/v1/`);
    await waitFor(() => expect(screen.getByTestId('save-server')).toBeDisabled());
  });

  it('turns the daily reminder on at 21:00, moves it to the minute chosen, and off again: one reminder, or none', async () => {
    const session = await newTestSession();
    const saved: Array<unknown> = [];
    await render(<WithSavedSettings session={session} onSave={(next) => saved.push(next.reminderAt)} />);
    // The device's scheduled notifications: each cancel-all empties them, each schedule adds one.
    let scheduled: string[] = [];
    jest.mocked(Notifications.cancelAllScheduledNotificationsAsync).mockImplementation(async () => {
      scheduled = [];
    });
    jest.mocked(Notifications.scheduleNotificationAsync).mockImplementation(async ({ trigger }) => {
      const { hour, minute } = trigger as { hour: number; minute: number };
      scheduled.push(`${hour}:${String(minute).padStart(2, '0')}`);
      return 'reminder';
    });
    await render(<WithSavedSettings session={session} onSave={(next) => saved.push(next.reminderAt)} />);
    await waitFor(() => expect(Notifications.cancelAllScheduledNotificationsAsync).toHaveBeenCalled());
    expect(screen.queryByTestId('reminder-time')).toBeNull();
    expect(scheduled).toEqual([]);

    await fireEvent.press(screen.getByTestId('reminder-on'));
    await waitFor(() => expect(saved).toEqual([{ hour: 21, minute: 0 }]));
    await waitFor(() => expect(scheduled).toEqual(['21:00']));

    // iOS's compact picker reports each settled wheel: the last one is the reminder, and only it.
    const at = (hour: number, minute: number) => new Date(2000, 0, 1, hour, minute);
    const picker = screen.getByTestId('reminder-time');
    await fireEvent(picker, 'valueChange', { nativeEvent: { timestamp: 0, utcOffset: 0 } }, at(7, 0));
    await fireEvent(picker, 'valueChange', { nativeEvent: { timestamp: 0, utcOffset: 0 } }, at(7, 45));
    await waitFor(() => expect(saved.at(-1)).toEqual({ hour: 7, minute: 45 }));
    await waitFor(() => expect(scheduled).toEqual(['7:45']));

    await fireEvent.press(screen.getByTestId('reminder-off'));
    await waitFor(() => expect(saved.at(-1)).toBeNull());
    expect(screen.queryByTestId('reminder-time')).toBeNull();
    await waitFor(() => expect(scheduled).toEqual([]));
  });
});
