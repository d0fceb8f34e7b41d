import { render, screen, within } from '@testing-library/react-native';
import { strings } from '@/i18n/strings';
import { newTestSession, WithSession } from '../../../test-support/test-session';
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
});
