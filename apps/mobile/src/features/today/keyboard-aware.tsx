import type { ReactNode } from 'react';
import { KeyboardAvoidingView, Platform } from 'react-native';

/** Keeps the composer above the keyboard: iOS pads the view, Android shrinks it. */
export function KeyboardAware({ children }: { children: ReactNode }) {
  return (
    <KeyboardAvoidingView style={{ flex: 1 }} behavior={Platform.OS === 'ios' ? 'padding' : 'height'}>
      {children}
    </KeyboardAvoidingView>
  );
}
