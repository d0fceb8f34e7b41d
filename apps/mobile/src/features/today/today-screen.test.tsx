import { fireEvent, render, screen, waitFor } from '@testing-library/react-native';
import { strings } from '@/i18n/strings';
import {
  answersComeFromTheNetwork,
  newTestSession,
  switchableNetwork,
  WithSession,
} from '../../../test-support/test-session';
import { TodayScreen } from './today-screen';

answersComeFromTheNetwork();

const en = strings.en;
jest.setTimeout(20_000);

async function openToday(session: Awaited<ReturnType<typeof newTestSession>>) {
  await render(
    <WithSession session={session}>
      <TodayScreen />
    </WithSession>,
  );
  await screen.findByText(en.opening, {}, { timeout: 5000 });
}

async function write(text: string) {
  await fireEvent.changeText(screen.getByTestId('composer-input'), text);
  await fireEvent.press(screen.getByTestId('send-button'));
}

describe('Today', () => {
  it('opens an empty day with Haru’s question', async () => {
    await openToday(await newTestSession());
    expect(screen.getByTestId('send-button')).toBeDisabled();
    expect(screen.getByLabelText(en.composerPlaceholder)).toBeTruthy();
  });

  it('shows my message at once, then the reply streaming into one bubble', async () => {
    await openToday(await newTestSession());
    await write('I had lunch with a friend and it was fun');
    expect(screen.getByText('I had lunch with a friend and it was fun')).toBeTruthy();
    await screen.findByTestId('stop-button');
    await waitFor(() => expect(screen.getByTestId('send-button')).toBeTruthy(), { timeout: 10_000 });
    expect(screen.getByText(/^That sounds.*\?$/)).toBeTruthy();
    expect(screen.queryByTestId('typing-indicator')).toBeNull();
  });

  it('says once, in its notice, that the built-in companion is answering: its reply does not say it again', async () => {
    await openToday(await newTestSession());
    await write('오늘 친구랑 커피 마셨어');
    await screen.findByTestId('stop-button');
    await waitFor(() => expect(screen.getByTestId('send-button')).toBeTruthy(), { timeout: 10_000 });
    expect(screen.getAllByTestId('offline-companion-notice')).toHaveLength(1);
    expect(screen.getByText(en.offlineCompanion)).toBeTruthy();
    const replies = screen.getAllByLabelText(/^Haru: /).map((bubble) => bubble.props.accessibilityLabel);
    expect(replies).toHaveLength(2);
    expect(replies.join('\n')).not.toMatch(/OPENAI_API_KEY|언어 모델|\(/);
  });

  it('stops a reply midway and keeps exactly what was on screen, marked stopped', async () => {
    await openToday(await newTestSession());
    await write('I was so tired after the meeting with my boss');
    await screen.findByText(/^That sounds/, {}, { timeout: 5000 });
    const shown = screen.getByText(/^That sounds/).props.children as string;
    await fireEvent.press(screen.getByTestId('stop-button'));
    await screen.findByText(en.stopped, {}, { timeout: 5000 });
    const kept = screen.getByText(/^That sounds/).props.children as string;
    expect(kept).toBe(shown);
    expect(kept).not.toMatch(/\?$/);
  });

  it('puts my words back in the box when sending fails, shown once, and Retry sends them once the server is back', async () => {
    const network = switchableNetwork();
    await openToday(await newTestSession({ fetch: network.fetch }));
    network.goOffline();
    await write('오늘 친구랑 커피 마셨어 ☕');
    await screen.findByText(en.errorUnreachable);
    expect(screen.getByTestId('composer-input').props.value).toBe('오늘 친구랑 커피 마셨어 ☕');
    expect(screen.queryByText('오늘 친구랑 커피 마셨어 ☕')).toBeNull();

    network.goOnline();
    await fireEvent.press(screen.getByTestId('retry-send'));
    await waitFor(() => expect(screen.getByText(/^(?!Hi, I am Haru).*\?$/)).toBeTruthy(), {
      timeout: 10_000,
    });
    expect(screen.getAllByText('오늘 친구랑 커피 마셨어 ☕')).toHaveLength(1);
    expect(screen.getByTestId('composer-input').props.value).toBe('');
    expect(screen.queryByText(en.errorUnreachable)).toBeNull();
  });

  it('returns to the introduction when sending finds this device signed out from another device', async () => {
    const session = await newTestSession();
    const signedOut = jest.fn(async () => undefined);
    await openToday({ ...session, signedOut });
    const client = session.connection?.client;
    const thisDevice = (await client?.auth.listDevices())?.data.find((device) => device.current);
    await client?.auth.deleteDevice(thisDevice?.id ?? '');

    await write('Are you still there?');
    await waitFor(() => expect(signedOut).toHaveBeenCalled());
  });

  it('says a message was not sent, and why, in the language chosen after it failed', async () => {
    const network = switchableNetwork();
    const session = await newTestSession({ fetch: network.fetch });
    const view = await render(
      <WithSession session={session}>
        <TodayScreen />
      </WithSession>,
    );
    await screen.findByText(en.opening, {}, { timeout: 5000 });
    network.goOffline();
    await write('Lunch was good');
    await screen.findByText(en.errorNotSent);
    expect(screen.getByText(en.errorUnreachable)).toBeTruthy();

    const korean = { ...session, language: 'ko' as const, strings: strings.ko };
    await view.rerender(
      <WithSession session={korean}>
        <TodayScreen />
      </WithSession>,
    );
    expect(screen.getByText(strings.ko.errorNotSent)).toBeTruthy();
    expect(screen.getByText(strings.ko.errorUnreachable)).toBeTruthy();
    expect(screen.queryByText(en.errorUnreachable)).toBeNull();
  });

  it('keeps one copy of a message whose answer was lost, when Retry sends it again', async () => {
    const network = switchableNetwork();
    const session = await newTestSession({ fetch: network.fetch });
    await openToday(session);
    network.loseNextAnswerTo('POST', /\/messages$/);
    await write('We walked to the lake');
    await screen.findByText(en.errorNotSent);

    await fireEvent.press(screen.getByTestId('retry-send'));
    await waitFor(() => expect(screen.getByText(/^(?!Hi, I am Haru).*\?$/)).toBeTruthy(), {
      timeout: 10_000,
    });
    expect(screen.getAllByText('We walked to the lake')).toHaveLength(1);
    const client = session.connection?.client;
    const [day] = (await client?.threads.list({ metadata: { kind: 'conversation' } }))?.data ?? [];
    const stored = (await client?.messages.list(day?.id ?? ''))?.data ?? [];
    expect(stored.filter((message) => message.role === 'user')).toHaveLength(1);
  });

  it('greets in the app’s language, whichever language the day was opened in', async () => {
    const korean = await newTestSession({ language: 'ko' });
    const view = await render(
      <WithSession session={korean}>
        <TodayScreen />
      </WithSession>,
    );
    await screen.findByText(strings.ko.opening, {}, { timeout: 5000 });
    await view.unmount();
    await openToday({
      ...korean,
      language: 'en',
      strings: en,
      settings: { ...korean.settings, language: 'en' },
    });
    expect(screen.queryByText(strings.ko.opening)).toBeNull();
  });

  it('shows why the day cannot open when the server cannot be reached, and opens it on Retry', async () => {
    const network = switchableNetwork();
    const session = await newTestSession({ fetch: network.fetch });
    network.goOffline();
    await render(
      <WithSession session={session}>
        <TodayScreen />
      </WithSession>,
    );
    await screen.findByText(en.errorUnreachable, {}, { timeout: 5000 });
    network.goOnline();
    await fireEvent.press(screen.getByTestId('status-retry'));
    await screen.findByText(en.opening, {}, { timeout: 5000 });
  });
});
