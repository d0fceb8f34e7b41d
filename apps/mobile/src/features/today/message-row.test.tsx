import { render, screen } from '@testing-library/react-native';
import { strings } from '@/i18n/strings';
import type { ChatRow } from './chat-row';
import { MessageRow } from './message-row';

const failed: ChatRow = {
  key: 'msg_1',
  role: 'assistant',
  text: 'I hear',
  status: 'error',
  at: 1_764_100_800,
};

describe('a message row', () => {
  it('offers Retry for a failed reply only where it is the newest', async () => {
    await render(<MessageRow row={failed} strings={strings.en} language="en" onRetry={() => undefined} />);
    expect(screen.getByText(strings.en.retry)).toBeTruthy();
    expect(screen.getByText(strings.en.errorReplyInterrupted)).toBeTruthy();
    await render(<MessageRow row={failed} strings={strings.en} language="en" />);
    expect(screen.queryByText(strings.en.retry)).toBeNull();
    expect(screen.queryByText(strings.en.errorGeneric)).toBeNull();
  });

  it('says why a reply failed in the app’s language at the time it is shown', async () => {
    const row: ChatRow = { ...failed, problem: 'unreachable' };
    const view = await render(
      <MessageRow row={row} strings={strings.en} language="en" onRetry={() => undefined} />,
    );
    expect(screen.getByText(strings.en.errorUnreachable)).toBeTruthy();
    await view.rerender(
      <MessageRow row={row} strings={strings.ko} language="ko" onRetry={() => undefined} />,
    );
    expect(screen.getByText(strings.ko.errorUnreachable)).toBeTruthy();
    expect(screen.queryByText(strings.en.errorUnreachable)).toBeNull();
  });

  it('shows when it was written, in the app’s language', async () => {
    const row: ChatRow = { key: 'msg_2', role: 'user', text: 'Hello', status: 'sent', at: 1_764_100_800 };
    await render(<MessageRow row={row} strings={strings.ko} language="ko" />);
    expect(screen.getByTestId('message-time').props.children).toMatch(/^(오전|오후) \d{1,2}:\d{2}$/);
  });

  it('shows the day’s opening question in the app’s language', async () => {
    const row: ChatRow = {
      key: 'msg_3',
      role: 'assistant',
      text: strings.ko.opening,
      status: 'done',
      at: 1,
      opening: true,
    };
    await render(<MessageRow row={row} strings={strings.en} language="en" />);
    expect(screen.getByText(strings.en.opening)).toBeTruthy();
  });
});
