import type { TextInputProps } from 'react-native';

/**
 * A hardware Enter without modifiers reaches Android's editor action, which `submitBehavior: 'submit'`
 * turns into a submit; Shift+Enter skips that action and writes a new line. `returnKeyType: 'none'`
 * keeps the on-screen keyboard's return key a new-line key, as 'submit' alone would make it a Done key.
 */
export function sendOnEnter(send: () => void): TextInputProps {
  return { submitBehavior: 'submit', returnKeyType: 'none', onSubmitEditing: send };
}
