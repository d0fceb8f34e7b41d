import { createHaruClient, type HaruClient } from '@haru/client';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react-native';
import { router } from 'expo-router';
import { fetch as nodeFetch } from 'undici';
import { type Language, strings } from '@/i18n/strings';
import { gatewayUrl } from '../../../test-support/test-session';
import { dayKeyFor } from '../days/day-key';
import { IntroScreen } from '../intro/intro-screen';
import { registerDevice } from '../session/connect';
import { HaruSessionProvider, useHaruSession } from '../session/haru-session';
import { SettingsScreen } from './settings-screen';

jest.setTimeout(20_000);
jest.mock('expo-router', () => ({ useGlobalSearchParams: () => ({}), router: { push: jest.fn() } }));

// This device's storage, kept in memory; its requests reach the test gateway over Node's own fetch,
// through a network that can be switched off.
const mockStorage = new Map<string, string>();
jest.mock('../session/key-value-storage', () => ({
  keyValueStorage: {
    get: async (key: string) => mockStorage.get(key) ?? null,
    set: async (key: string, value: string) => void mockStorage.set(key, value),
    remove: async (key: string) => void mockStorage.delete(key),
  },
}));
const mockNetwork = { online: true };
jest.mock('../session/streaming-fetch', () => ({
  streamingOptions: {
    fetch: async (input: string, init?: RequestInit) => {
      if (!mockNetwork.online) throw new TypeError('Network request failed');
      return jest.requireActual('undici').fetch(input, init);
    },
    transport: 'fetch',
  },
}));

let queryClient: QueryClient | undefined;

/** Stands in for the app: the introduction on a first launch (or after the diary is gone), else Settings. */
function App() {
  const { needsIntro } = useHaruSession();
  queryClient = useQueryClient();
  return needsIntro ? <IntroScreen /> : <SettingsScreen />;
}

const draftKey = () => `haru.draft.${dayKeyFor(new Date(), 4)}`;
const storedTokens = () => [...mockStorage.keys()].filter((key) => key.startsWith('haru.device-token.'));

/** This device with a diary on the test gateway, one day in it, an unsent draft, and a second device. */
async function deviceWithDiary(language: Language) {
  const serverUrl = gatewayUrl();
  mockStorage.set('haru.settings', JSON.stringify({ serverUrl, language }));
  const token = await registerDevice(serverUrl);
  mockStorage.set(draftKey(), 'Something private, not sent yet.');
  const asThisDevice = createHaruClient({ baseURL: serverUrl, token, fetch: nodeFetch as never });
  await asThisDevice.threads.create({
    metadata: { day: '2026-11-20', kind: 'conversation' },
    messages: [{ role: 'user', content: 'We baked bread.' }],
  });
  const { code } = await asThisDevice.auth.createLinkCode();
  const linked = await createHaruClient({ baseURL: serverUrl, fetch: nodeFetch as never }).auth.linkDevice(
    code,
  );
  const otherDevice = createHaruClient({
    baseURL: serverUrl,
    token: linked.token,
    fetch: nodeFetch as never,
  });
  await render(
    <HaruSessionProvider>
      <App />
    </HaruSessionProvider>,
  );
  await screen.findByTestId('device-current', {}, { timeout: 10_000 });
  return { otherDevice };
}

const typeWord = (word: string) => fireEvent.changeText(screen.getByTestId('delete-diary-word'), word);

async function expectDiaryKept(otherDevice: HaruClient) {
  expect(storedTokens()).toHaveLength(1);
  expect(mockStorage.get(draftKey())).toBe('Something private, not sent yet.');
  expect((await otherDevice.threads.list({ metadata: { day: '2026-11-20' } })).data).toHaveLength(1);
}

describe('deleting my diary in Settings', () => {
  beforeEach(() => {
    mockStorage.clear();
    mockNetwork.online = true;
    jest.mocked(router.push).mockClear();
  });

  it('explains, offers an export first, and erases only once the word shown is typed', async () => {
    const en = strings.en;
    const { otherDevice } = await deviceWithDiary('en');
    expect(screen.getByText(en.deleteDiaryHelp)).toBeTruthy();
    await fireEvent.press(screen.getByTestId('export-before-deleting'));
    expect(router.push).toHaveBeenCalledWith('/journal');

    await fireEvent.press(screen.getByTestId('delete-diary'));
    expect(screen.getByTestId('delete-diary-warning')).toHaveTextContent(
      'Everything will be erased for good. To confirm, type “DELETE” below.',
    );
    expect(screen.getByLabelText('Type “DELETE” to confirm')).toBe(screen.getByTestId('delete-diary-word'));
    expect(screen.getByTestId('confirm-delete-diary')).toBeDisabled();
    await typeWord('delet');
    expect(screen.getByTestId('confirm-delete-diary')).toBeDisabled();

    // Cancelled, nothing happens, and the word has to be typed again.
    await typeWord(' delete ');
    await fireEvent.press(screen.getByTestId('cancel-delete-diary'));
    expect(screen.queryByTestId('delete-diary-warning')).toBeNull();
    await expectDiaryKept(otherDevice);
    await fireEvent.press(screen.getByTestId('delete-diary'));
    expect(screen.getByTestId('confirm-delete-diary')).toBeDisabled();

    await typeWord('DELETE');
    await fireEvent.press(screen.getByTestId('confirm-delete-diary'));
    expect(await screen.findByTestId('diary-erased', {}, { timeout: 10_000 })).toHaveTextContent(
      en.diaryErased,
    );
    expect(screen.getByTestId('intro-screen')).toBeTruthy();
    // Forgotten here as a sign-out forgets: the device key, the unsent words, every answer cached.
    expect(storedTokens()).toEqual([]);
    expect(mockStorage.has(draftKey())).toBe(false);
    expect(JSON.parse(mockStorage.get('haru.settings') ?? '{}').language).toBe('en');
    expect(queryClient?.getQueryCache().getAll()).toEqual([]);
    // And gone on the server, for every device.
    await expect(otherDevice.threads.list()).rejects.toMatchObject({ status: 401 });
  });

  it('says in my language that nothing was erased when the server cannot be reached, keeps everything here, and erases on a second try', async () => {
    const ko = strings.ko;
    const { otherDevice } = await deviceWithDiary('ko');
    await fireEvent.press(screen.getByTestId('delete-diary'));
    expect(screen.getByTestId('delete-diary-warning')).toHaveTextContent(/“지우기”를 입력해 주세요/);
    await typeWord('지우기');

    mockNetwork.online = false;
    await fireEvent.press(screen.getByTestId('confirm-delete-diary'));
    expect(await screen.findByTestId('delete-diary-problem', {}, { timeout: 5000 })).toHaveTextContent(
      `${ko.deleteDiaryFailed} ${ko.errorUnreachable}`,
    );
    await waitFor(() => expect(screen.getByTestId('confirm-delete-diary')).toBeEnabled());
    expect(screen.queryByTestId('intro-screen')).toBeNull();
    await expectDiaryKept(otherDevice);

    mockNetwork.online = true;
    await fireEvent.press(screen.getByTestId('confirm-delete-diary'));
    expect(await screen.findByTestId('diary-erased', {}, { timeout: 10_000 })).toHaveTextContent(
      ko.diaryErased,
    );
    expect(storedTokens()).toEqual([]);
  });
});
