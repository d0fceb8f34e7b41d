import { fireEvent, render, screen } from '@testing-library/react-native';
import { ComposerWithDraft } from '../../../test-support/composer-with-draft';

// jest-expo runs as iOS: there the on-screen return key, a hardware Enter and Shift+Enter all arrive as one `Enter`.
describe('the composer on iOS', () => {
  it('lets Enter start a new line, whichever keyboard it came from, and sends with the Send button', async () => {
    const onSend = jest.fn();
    await render(<ComposerWithDraft onSend={onSend} />);
    const input = screen.getByTestId('composer-input');
    await fireEvent.changeText(input, 'Dear diary,');
    await fireEvent(input, 'keyPress', { nativeEvent: { key: 'Enter' } });
    await fireEvent.changeText(input, 'Dear diary,\ntoday was long.');
    expect(onSend).not.toHaveBeenCalled();
    expect(input.props.submitBehavior).toBeUndefined();
    expect(input.props.value).toBe('Dear diary,\ntoday was long.');

    await fireEvent.press(screen.getByTestId('send-button'));
    expect(onSend).toHaveBeenCalledWith('Dear diary,\ntoday was long.');
  });
});

describe('a long message', () => {
  it('is never cut: past the limit the count says how much to trim, and Send waits', async () => {
    const onSend = jest.fn();
    await render(<ComposerWithDraft onSend={onSend} />);
    const input = screen.getByTestId('composer-input');
    const pasted = 'a'.repeat(9000);
    await fireEvent.changeText(input, pasted);
    expect(input.props.value).toBe(pasted);
    expect(screen.getByTestId('composer-count')).toHaveTextContent(/^1,000 characters over/);
    expect(screen.getByTestId('send-button')).toBeDisabled();
    await fireEvent.changeText(input, 'a'.repeat(7500));
    expect(screen.getByTestId('composer-count')).toHaveTextContent('7,500 / 8,000');
    await fireEvent.press(screen.getByTestId('send-button'));
    expect(onSend).toHaveBeenCalled();
  });
});
