import type { RefObject } from 'react';
import type { TextInput } from 'react-native';

/** iOS and Android grow a multiline text box with its text up to its `maxHeight` by themselves. */
export function useGrowToFit(_input: RefObject<TextInput | null>, _text: string, _maxHeight: number) {}
