import type { TextInputProps } from 'react-native';

/**
 * On phones the return key writes a new line; a message is sent with the Send button, as the on-screen
 * keyboard cannot be told apart from a hardware one here.
 */
export function sendOnEnter(_send: () => void): TextInputProps['onKeyPress'] {
  return undefined;
}
