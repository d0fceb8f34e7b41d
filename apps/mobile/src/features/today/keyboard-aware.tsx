import type { ReactNode } from 'react';
import { KeyboardAvoidingView } from 'react-native';

/** Keeps the composer above the keyboard: iOS pads the view from below. */
export function KeyboardAware({ children }: { children: ReactNode }) {
  return (
    <KeyboardAvoidingView style={{ flex: 1 }} behavior="padding">
      {children}
    </KeyboardAvoidingView>
  );
}
