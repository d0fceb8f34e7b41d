import { fireEvent, render, screen } from '@testing-library/react-native';
import { ComposerWithDraft } from '../../../test-support/composer-with-draft';

jest.mock('./hardware-keyboard', () => jest.requireActual('./hardware-keyboard.android'));

// Android reports a hardware Enter without modifiers as a submit; Shift+Enter and the on-screen return
// key only change the text, by a new line.
describe('the composer on Android', () => {
  it('sends on a hardware Enter', async () => {
    const onSend = jest.fn();
    await render(<ComposerWithDraft onSend={onSend} />);
    const input = screen.getByTestId('composer-input');
    await fireEvent.changeText(input, 'I walked by the river.');
    await fireEvent(input, 'submitEditing', { nativeEvent: { text: 'I walked by the river.' } });
    expect(onSend).toHaveBeenCalledTimes(1);
    expect(onSend).toHaveBeenCalledWith('I walked by the river.');
  });

  it('writes a new line on Shift+Enter and on the on-screen return key, sending nothing', async () => {
    const onSend = jest.fn();
    await render(<ComposerWithDraft onSend={onSend} />);
    const input = screen.getByTestId('composer-input');
    await fireEvent.changeText(input, 'First line');
    await fireEvent(input, 'keyPress', { nativeEvent: { key: 'Enter' } });
    await fireEvent.changeText(input, 'First line\nsecond line');
    expect(onSend).not.toHaveBeenCalled();
    expect(input.props.value).toBe('First line\nsecond line');
    // What keeps the on-screen return key a new-line key while a hardware Enter submits.
    expect(input.props).toMatchObject({ submitBehavior: 'submit', returnKeyType: 'none' });
  });

  it('sends nothing on Enter with an empty box or while Haru is replying', async () => {
    const onSend = jest.fn();
    await render(<ComposerWithDraft onSend={onSend} />);
    await fireEvent(screen.getByTestId('composer-input'), 'submitEditing', { nativeEvent: { text: '  ' } });
    await render(<ComposerWithDraft onSend={onSend} replying />);
    const input = screen.getByTestId('composer-input');
    await fireEvent.changeText(input, 'One more thing');
    await fireEvent(input, 'submitEditing', { nativeEvent: { text: 'One more thing' } });
    expect(onSend).not.toHaveBeenCalled();
  });
});
