import type { ReactNode } from 'react';
import { View } from 'react-native';

/** Browsers resize the page for their own keyboards. */
export function KeyboardAware({ children }: { children: ReactNode }) {
  return <View style={{ flex: 1 }}>{children}</View>;
}
