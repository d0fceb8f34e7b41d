import type { NativeSyntheticEvent, TextInputKeyPressEventData, TextInputProps } from 'react-native';

type KeyPress = NativeSyntheticEvent<
  TextInputKeyPressEventData & { shiftKey?: boolean; isComposing?: boolean }
>;

/**
 * On a hardware keyboard Enter sends and Shift+Enter writes a new line; Enter that ends a Korean
 * syllable's composition does neither. A phone's on-screen keyboard has no Shift+Enter: there Enter
 * writes a new line, and the send button sends.
 */
export function sendOnEnter(send: () => void): TextInputProps {
  return {
    onKeyPress: (event: KeyPress) => {
      const { key, shiftKey, isComposing } = event.nativeEvent;
      if (key !== 'Enter' || shiftKey || isComposing || typingOnScreen()) return;
      event.preventDefault();
      send();
    },
  };
}

/** A touch screen without a mouse: a phone or a tablet, typing on its on-screen keyboard. */
const typingOnScreen = () =>
  typeof matchMedia === 'function' && matchMedia('(hover: none) and (pointer: coarse)').matches;
