import type { NativeSyntheticEvent, TextInputKeyPressEventData, TextInputProps } from 'react-native';

type KeyPress = NativeSyntheticEvent<
  TextInputKeyPressEventData & { shiftKey?: boolean; isComposing?: boolean }
>;

/** Enter sends, Shift+Enter writes a new line; Enter that ends a Korean syllable's composition does neither. */
export function sendOnEnter(send: () => void): TextInputProps {
  return {
    onKeyPress: (event: KeyPress) => {
      const { key, shiftKey, isComposing } = event.nativeEvent;
      if (key !== 'Enter' || shiftKey || isComposing) return;
      event.preventDefault();
      send();
    },
  };
}
