import { HaruApiError, HaruConnectionError } from '@haru/client';
import { fireEvent, render, screen, waitFor } from '@testing-library/react-native';
import { strings } from '@/i18n/strings';
import { newTestSession, WithSession } from '../../../test-support/test-session';
import { IntroScreen } from './intro-screen';

jest.mock('expo-router', () => ({ useGlobalSearchParams: () => ({}) }));

const en = strings.en;

async function openIntro(beginDiary: (code?: string) => Promise<void>) {
  const session = await newTestSession();
  const saveSettings = jest.fn(async () => undefined);
  const introSession = { ...session, connection: undefined, needsIntro: true, beginDiary, saveSettings };
  const view = await render(
    <WithSession session={introSession}>
      <IntroScreen />
    </WithSession>,
  );
  const switchToKorean = () =>
    view.rerender(
      <WithSession session={{ ...introSession, language: 'ko', strings: strings.ko }}>
        <IntroScreen />
      </WithSession>,
    );
  return { saveSettings, serverUrl: session.settings.serverUrl, switchToKorean };
}

describe('first launch', () => {
  it('says what Haru is and where the diary is kept, and starts a new diary', async () => {
    const beginDiary = jest.fn(async () => undefined);
    const { serverUrl } = await openIntro(beginDiary);
    expect(screen.getByText(en.introWhat)).toBeTruthy();
    expect(screen.getByText(en.introPrivacy.replace('{server}', serverUrl))).toBeTruthy();
    await fireEvent.press(screen.getByTestId('intro-start'));
    expect(beginDiary).toHaveBeenCalledWith(undefined);
  });

  it('chooses the language, and the server where the diary will be kept', async () => {
    const { saveSettings } = await openIntro(jest.fn());
    await fireEvent.press(screen.getByTestId('intro-language-ko'));
    expect(saveSettings).toHaveBeenCalledWith(expect.objectContaining({ language: 'ko' }));
    expect(screen.queryByTestId('intro-save-server')).toBeNull();
    await fireEvent.changeText(screen.getByTestId('intro-server'), 'http://192.168.1.20:8787/');
    await fireEvent.press(screen.getByTestId('intro-save-server'));
    expect(saveSettings).toHaveBeenCalledWith(
      expect.objectContaining({ serverUrl: 'http://192.168.1.20:8787' }),
    );
  });

  it('links this device with a code from another one, and says kindly when a code does not work', async () => {
    const beginDiary = jest.fn(async (code?: string) => {
      if (code !== 'GOOD-CODE') throw new HaruApiError(400, { error: { message: 'Unknown link code.' } });
    });
    await openIntro(beginDiary);
    await fireEvent.press(screen.getByTestId('intro-link'));
    await fireEvent.changeText(screen.getByTestId('link-code-input'), 'OLD-CODE');
    await fireEvent.press(screen.getByTestId('link-device'));
    await screen.findByText(en.linkCodeInvalid);
    await fireEvent.changeText(screen.getByTestId('link-code-input'), ' GOOD-CODE ');
    await fireEvent.press(screen.getByTestId('link-device'));
    await waitFor(() => expect(beginDiary).toHaveBeenLastCalledWith('GOOD-CODE'));
  });

  it('says why the diary could not begin in the language chosen after it failed', async () => {
    const beginDiary = jest.fn(async () => {
      throw new HaruConnectionError('fetch failed');
    });
    const { switchToKorean } = await openIntro(beginDiary);
    await fireEvent.press(screen.getByTestId('intro-start'));
    await screen.findByText(en.errorUnreachable);

    await switchToKorean();
    expect(screen.getByText(strings.ko.errorUnreachable)).toBeTruthy();
    expect(screen.queryByText(en.errorUnreachable)).toBeNull();
  });

  it('says a link code did not work in the language chosen after it failed', async () => {
    const beginDiary = jest.fn(async () => {
      throw new HaruApiError(400, { error: { message: 'Unknown link code.' } });
    });
    const { switchToKorean } = await openIntro(beginDiary);
    await fireEvent.press(screen.getByTestId('intro-link'));
    await fireEvent.changeText(screen.getByTestId('link-code-input'), 'OLD-CODE');
    await fireEvent.press(screen.getByTestId('link-device'));
    await screen.findByText(en.linkCodeInvalid);

    await switchToKorean();
    expect(screen.getByText(strings.ko.linkCodeInvalid)).toBeTruthy();
    expect(screen.queryByText(en.linkCodeInvalid)).toBeNull();
  });
});
