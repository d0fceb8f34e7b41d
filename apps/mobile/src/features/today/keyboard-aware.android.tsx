import type { ReactNode } from 'react';
import { KeyboardAvoidingView } from 'react-native';

/** Keeps the composer above the keyboard: Android shrinks the view to the space left. */
export function KeyboardAware({ children }: { children: ReactNode }) {
  return (
    <KeyboardAvoidingView style={{ flex: 1 }} behavior="height">
      {children}
    </KeyboardAvoidingView>
  );
}
