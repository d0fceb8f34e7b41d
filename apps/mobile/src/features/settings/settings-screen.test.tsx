import { fireEvent, render, screen, waitFor, within } from '@testing-library/react-native';
import { strings } from '@/i18n/strings';
import { gatewayUrl, newTestSession, WithSession } from '../../../test-support/test-session';
import { SettingsScreen } from './settings-screen';

jest.setTimeout(20_000);

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
});
