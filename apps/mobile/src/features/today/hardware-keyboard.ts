import type { TextInputProps } from 'react-native';

/**
 * On iOS, React Native reports the on-screen return key, a hardware Enter and Shift+Enter all as the
 * same `Enter`, so none of them sends: making Enter send would leave no way to start a new line and
 * would send half-written diary entries from the on-screen keyboard. Send is the Send button.
 */
export function sendOnEnter(_send: () => void): TextInputProps {
  return {};
}
