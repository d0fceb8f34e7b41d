import { act, fireEvent, render, screen, waitFor } from '@testing-library/react-native';
import { strings } from '@/i18n/strings';
import {
  answersComeFromTheNetwork,
  newTestSession,
  switchableNetwork,
  WithSession,
} from '../../../test-support/test-session';
import { formatDay } from '../days/day-key';
import { TodayScreen } from './today-screen';

answersComeFromTheNetwork();

const en = strings.en;
jest.setTimeout(20_000);

// The day's start hour comes when the test says so (useDayKey's own timing is tested beside it).
const mockToday = { day: '', listeners: new Set<() => void>() };
jest.mock('../days/use-day-key', () => {
  const { useSyncExternalStore } = jest.requireActual<typeof import('react')>('react');
  const subscribe = (listener: () => void) => {
    mockToday.listeners.add(listener);
    return () => mockToday.listeners.delete(listener);
  };
  return { useDayKey: () => useSyncExternalStore(subscribe, () => mockToday.day) };
});
const dayStarts = (day: string) =>
  act(() => {
    mockToday.day = day;
    for (const listener of mockToday.listeners) listener();
  });

jest.mock('../session/key-value-storage', () =>
  require('../../../test-support/memory-key-value-storage').memoryKeyValueStorage(),
);

/** A network on which sending a message waits until the test lets it through. */
function networkHoldingMessages() {
  const network = switchableNetwork();
  let held: PromiseWithResolvers<void> | undefined;
  const fetchHeld: typeof fetch = async (input, init) => {
    const sending = init?.method === 'POST' && /\/messages$/.test(new URL(String(input)).pathname);
    if (sending) await held?.promise;
    return network.fetch(input, init);
  };
  return {
    fetch: fetchHeld,
    hold: () => {
      held = Promise.withResolvers<void>();
    },
    letThrough: () => held?.resolve(),
  };
}

const today = (session: Awaited<ReturnType<typeof newTestSession>>) => (
  <WithSession session={session}>
    <TodayScreen />
  </WithSession>
);

describe('Today at the day’s start hour', () => {
  it('carries what I was typing into the new day, once', async () => {
    mockToday.day = '2026-11-25';
    const session = await newTestSession();
    const view = await render(today(session));
    await screen.findByText(en.opening, {}, { timeout: 5000 });
    await fireEvent.changeText(screen.getByTestId('composer-input'), 'Half a thought, typed at 3:59');

    await dayStarts('2026-11-26');
    expect(screen.getByText(formatDay('2026-11-26', 'en'))).toBeTruthy();
    await waitFor(() =>
      expect(screen.getByTestId('composer-input').props.value).toBe('Half a thought, typed at 3:59'),
    );

    await view.unmount();
    await render(today(session));
    await screen.findByText(en.opening, {}, { timeout: 5000 });
    await waitFor(() =>
      expect(screen.getByTestId('composer-input').props.value).toBe('Half a thought, typed at 3:59'),
    );
  });

  it('does not roll over while a message is being sent or its reply streams, and rolls over once it ends', async () => {
    mockToday.day = '2026-11-20';
    const network = networkHoldingMessages();
    const session = await newTestSession({ fetch: network.fetch });
    await render(today(session));
    await screen.findByText(en.opening, {}, { timeout: 5000 });
    network.hold();
    await fireEvent.changeText(screen.getByTestId('composer-input'), 'We walked by the river');
    await fireEvent.press(screen.getByTestId('send-button'));
    await screen.findByText('We walked by the river');

    await dayStarts('2026-11-21');
    expect(screen.getByText(formatDay('2026-11-20', 'en'))).toBeTruthy();
    expect(screen.getByText('We walked by the river')).toBeTruthy();

    network.letThrough();
    await screen.findByTestId('stop-button', {}, { timeout: 5000 });
    expect(screen.getByText(formatDay('2026-11-20', 'en'))).toBeTruthy();

    await screen.findByText(formatDay('2026-11-21', 'en'), {}, { timeout: 10_000 });
    expect(screen.queryByText('We walked by the river')).toBeNull();
    const client = session.connection?.client;
    const [yesterday] =
      (await client?.threads.list({ metadata: { day: '2026-11-20', kind: 'conversation' } }))?.data ?? [];
    const stored = (await client?.messages.list(yesterday?.id ?? '', { order: 'asc' }))?.data ?? [];
    expect(stored.at(-1)).toMatchObject({ role: 'assistant', status: 'completed' });
  });
});
