import { createHaruClient, type HaruClient } from '@haru/client';
import { useQuery } from '@tanstack/react-query';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react-native';
import { useState } from 'react';
import { Pressable, Text } from 'react-native';
import { fetch as nodeFetch } from 'undici';
import { gatewayUrl } from '../../../test-support/test-session';
import { dayKeyFor } from '../days/day-key';
import { registerDevice } from './connect';
import { HaruSessionProvider, useHaruSession } from './haru-session';
import { useReportSignOut } from './use-report-sign-out';

jest.setTimeout(20_000);

// This device's storage, kept in memory; requests reach the test gateway over Node's own fetch.
const mockStorage = new Map<string, string>();
jest.mock('./key-value-storage', () => ({
  keyValueStorage: {
    get: async (key: string) => mockStorage.get(key) ?? null,
    set: async (key: string, value: string) => void mockStorage.set(key, value),
    remove: async (key: string) => void mockStorage.delete(key),
  },
}));
// Every request the app makes, as it makes it: which path, with which token, and whether it was answered.
const mockRequests: Array<{ url: string; authorization: string | null; answered: boolean }> = [];
jest.mock('./streaming-fetch', () => ({
  streamingOptions: {
    fetch: async (input: string, init?: { headers?: HeadersInit }) => {
      const request = {
        url: String(input),
        authorization: new Headers(init?.headers).get('authorization'),
        answered: false,
      };
      mockRequests.push(request);
      const answer = await jest.requireActual('undici').fetch(input, init);
      request.answered = true;
      return answer;
    },
    transport: 'fetch',
  },
}));

function PastDays({ client }: { client: HaruClient }) {
  const days = useQuery({ queryKey: ['days'], queryFn: () => client.threads.list() });
  if (days.isError) return <Text>{days.error.message}</Text>;
  return <Text>{days.data ? 'days shown' : 'loading days'}</Text>;
}

/** A call made with a token this device no longer uses, answering late. */
let lateCall: () => Promise<unknown> = async () => undefined;

function LateAnswer() {
  const report = useReportSignOut();
  return (
    <Pressable onPress={() => void lateCall().catch(report)} testID="late-answer">
      <Text>late answer</Text>
    </Pressable>
  );
}

/** Stands in for the app: the introduction, or a button that opens a screen reading the server. */
function App() {
  const { needsIntro, introNotice, connection, beginDiary } = useHaruSession();
  const [open, setOpen] = useState(false);
  if (needsIntro)
    return (
      <Pressable onPress={() => void beginDiary()} testID="begin">
        <Text>introduction</Text>
        {introNotice === 'signed-out-elsewhere' ? <Text>signed out elsewhere</Text> : null}
      </Pressable>
    );
  if (!connection) return <Text>connecting</Text>;
  if (open)
    return (
      <>
        <PastDays client={connection.client} />
        <LateAnswer />
      </>
    );
  return (
    <>
      <Pressable onPress={() => setOpen(true)} testID="open-days">
        <Text>connected</Text>
      </Pressable>
      <LateAnswer />
    </>
  );
}

const storedTokens = () =>
  [...mockStorage].filter(([key]) => key.startsWith('haru.device-token.')).map(([, token]) => token);

/** Signs this device out from another device of the same person: its token answers 401 from now on. */
async function signOutFromAnotherDevice(serverUrl: string, token: string) {
  const thisDevice = createHaruClient({ baseURL: serverUrl, token, fetch: nodeFetch as never });
  const { code } = await thisDevice.auth.createLinkCode();
  const { token: otherToken } = await createHaruClient({
    baseURL: serverUrl,
    fetch: nodeFetch as never,
  }).auth.linkDevice(code);
  const other = createHaruClient({ baseURL: serverUrl, token: otherToken, fetch: nodeFetch as never });
  const signedOut = (await other.auth.listDevices()).data.find((device) => !device.current);
  await other.auth.deleteDevice(signedOut?.id ?? '');
}

/** The app on a device registered with the test gateway, connected. */
async function connectedApp() {
  const serverUrl = gatewayUrl();
  mockStorage.set('haru.settings', JSON.stringify({ serverUrl, language: 'en' }));
  const token = await registerDevice(serverUrl);
  await render(
    <HaruSessionProvider>
      <App />
    </HaruSessionProvider>,
  );
  await screen.findByText('connected');
  return { serverUrl, token };
}

describe('the session', () => {
  beforeEach(() => mockStorage.clear());

  it('returns to the introduction when a call finds this device signed out from another device mid-session', async () => {
    const { serverUrl, token } = await connectedApp();

    await signOutFromAnotherDevice(serverUrl, token);

    mockStorage.set(`haru.draft.${dayKeyFor(new Date(), 4)}`, 'Something private, not sent yet.');
    await fireEvent.press(screen.getByTestId('open-days'));
    await screen.findByText('introduction');
    expect(screen.getByText('signed out elsewhere')).toBeTruthy();
    expect(screen.queryByText(/Incorrect API key/)).toBeNull();
    expect([...mockStorage.keys()].some((key) => key.startsWith('haru.device-token.'))).toBe(false);
    // Its unsent words are gone.
    expect([...mockStorage.keys()].some((key) => key.startsWith('haru.draft.'))).toBe(false);

    // A new diary begun here starts without that notice.
    await fireEvent.press(screen.getByTestId('begin'));
    await screen.findByText('days shown');
    expect(screen.queryByText('signed out elsewhere')).toBeNull();
  });

  it('keeps the new diary when a call made with the old token answers 401 after this device began again', async () => {
    const { serverUrl, token: oldToken } = await connectedApp();
    await signOutFromAnotherDevice(serverUrl, oldToken);
    await fireEvent.press(screen.getByTestId('open-days'));
    await fireEvent.press(await screen.findByTestId('begin'));
    await screen.findByText('days shown');
    const [newToken] = storedTokens();
    expect(newToken).toBeDefined();
    expect(newToken).not.toBe(oldToken);

    // A request from before, with the old token, answers only now.
    const oldClient = createHaruClient({ baseURL: serverUrl, token: oldToken, fetch: nodeFetch as never });
    lateCall = () => oldClient.threads.list();
    const asked = mockRequests.length;
    await fireEvent.press(screen.getByTestId('late-answer'));
    // The app asks the server about the token it keeps now before forgetting anything.
    await waitFor(() =>
      expect(
        mockRequests
          .slice(asked)
          .some(
            (request) =>
              request.authorization === `Bearer ${newToken}` &&
              request.url.includes('/v1/assistants') &&
              request.answered,
          ),
      ).toBe(true),
    );
    await act(async () => {
      await new Promise((resolve) => setImmediate(resolve));
    });
    expect(screen.getByText('days shown')).toBeTruthy();
    expect(storedTokens()).toEqual([newToken]);
  });
});
