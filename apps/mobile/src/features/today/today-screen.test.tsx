import { fireEvent, render, screen, waitFor } from '@testing-library/react-native';
import { strings } from '@/i18n/strings';
import { newTestSession, switchableNetwork, WithSession } from '../../../test-support/test-session';
import { TodayScreen } from './today-screen';

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
    expect(screen.getByText(/^I can hear the joy.*\?$/)).toBeTruthy();
    expect(screen.queryByTestId('typing-indicator')).toBeNull();
  });

  it('stops a reply midway and keeps what was written, marked stopped', async () => {
    await openToday(await newTestSession());
    await write('I was so tired after the meeting with my boss');
    await screen.findByText(/^That sounds/, {}, { timeout: 5000 });
    await fireEvent.press(screen.getByTestId('stop-button'));
    await screen.findByText(en.stopped, {}, { timeout: 5000 });
    const partial = screen.getByText(/^That sounds/);
    expect(partial.props.children).not.toMatch(/\?$/);
  });

  it('keeps my words as a draft when sending fails, and Retry sends them once the server is back', async () => {
    const network = switchableNetwork();
    await openToday(await newTestSession({ fetch: network.fetch }));
    network.goOffline();
    await write('오늘 친구랑 커피 마셨어 ☕');
    await screen.findByText(en.errorUnreachable);
    expect(screen.getByTestId('composer-input').props.value).toBe('오늘 친구랑 커피 마셨어 ☕');

    network.goOnline();
    await fireEvent.changeText(screen.getByTestId('composer-input'), '');
    await fireEvent.press(screen.getByText(en.retry));
    await waitFor(() => expect(screen.getByText(/^(?!Hi, I am Haru).*\?$/)).toBeTruthy(), {
      timeout: 10_000,
    });
    expect(screen.getByText('오늘 친구랑 커피 마셨어 ☕')).toBeTruthy();
    expect(screen.queryByText(en.errorUnreachable)).toBeNull();
  });
});
