import { createHaruClient, type HaruClient } from '@haru/client';
import { useQuery } from '@tanstack/react-query';
import { fireEvent, render, screen } from '@testing-library/react-native';
import { useState } from 'react';
import { Pressable, Text } from 'react-native';
import { fetch as nodeFetch } from 'undici';
import { gatewayUrl } from '../../../test-support/test-session';
import { registerDevice } from './connect';
import { HaruSessionProvider, useHaruSession } from './haru-session';

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
jest.mock('./streaming-fetch', () => ({
  streamingOptions: { fetch: jest.requireActual('undici').fetch, transport: 'fetch' },
}));

function PastDays({ client }: { client: HaruClient }) {
  const days = useQuery({ queryKey: ['days'], queryFn: () => client.threads.list() });
  if (days.isError) return <Text>{days.error.message}</Text>;
  return <Text>{days.data ? 'days shown' : 'loading days'}</Text>;
}

/** Stands in for the app: the introduction, or a button that opens a screen reading the server. */
function App() {
  const { needsIntro, connection } = useHaruSession();
  const [open, setOpen] = useState(false);
  if (needsIntro) return <Text>introduction</Text>;
  if (!connection) return <Text>connecting</Text>;
  if (open) return <PastDays client={connection.client} />;
  return (
    <Pressable onPress={() => setOpen(true)} testID="open-days">
      <Text>connected</Text>
    </Pressable>
  );
}

describe('the session', () => {
  beforeEach(() => mockStorage.clear());

  it('returns to the introduction when a call finds this device signed out from another device mid-session', async () => {
    const serverUrl = gatewayUrl();
    mockStorage.set('haru.settings', JSON.stringify({ serverUrl, language: 'en' }));
    const token = await registerDevice(serverUrl);
    await render(
      <HaruSessionProvider>
        <App />
      </HaruSessionProvider>,
    );
    await screen.findByText('connected');

    // Another device of the same person signs this one out; its token answers 401 from now on.
    const thisDevice = createHaruClient({ baseURL: serverUrl, token, fetch: nodeFetch as never });
    const { code } = await thisDevice.auth.createLinkCode();
    const { token: otherToken } = await createHaruClient({
      baseURL: serverUrl,
      fetch: nodeFetch as never,
    }).auth.linkDevice(code);
    const other = createHaruClient({ baseURL: serverUrl, token: otherToken, fetch: nodeFetch as never });
    const signedOut = (await other.auth.listDevices()).data.find((device) => !device.current);
    await other.auth.deleteDevice(signedOut?.id ?? '');

    await fireEvent.press(screen.getByTestId('open-days'));
    await screen.findByText('introduction');
    expect(screen.queryByText(/Incorrect API key/)).toBeNull();
    expect([...mockStorage.keys()].some((key) => key.startsWith('haru.device-token.'))).toBe(false);
  });
});
