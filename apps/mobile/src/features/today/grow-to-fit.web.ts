import { type RefObject, useLayoutEffect } from 'react';
import type { TextInput } from 'react-native';

/** A textarea keeps its height whatever it holds: size it to its text, up to `maxHeight`, on every change. */
export function useGrowToFit(input: RefObject<TextInput | null>, text: string, maxHeight: number) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: the text is what changes the height to fit
  useLayoutEffect(() => {
    const area = input.current as unknown as HTMLTextAreaElement | null;
    if (!area?.style) return;
    // A textarea is two rows tall by default; an empty composer is one.
    area.rows = 1;
    area.style.height = 'auto';
    area.style.height = `${Math.min(area.scrollHeight, maxHeight)}px`;
    area.style.overflowY = area.scrollHeight > maxHeight ? 'auto' : 'hidden';
  }, [input, text, maxHeight]);
}
