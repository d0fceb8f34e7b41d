import type { ReactNode } from 'react';

/** A browser tab has no Face ID or fingerprint to ask for: the lock is offered on iOS and Android only. */
export const lockAvailable = false;

export const canLock = async () => false;

export function AppLock({ children }: { children: ReactNode }) {
  return children;
}
