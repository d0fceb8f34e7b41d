import { useCallback } from 'react';
import { useHaruSession } from './haru-session';
import { isSignedOut } from './signed-out';

/**
 * For server calls made outside TanStack Query (sending, streaming a reply): an answer that this device
 * is signed out returns it to the introduction, as it does for every query and mutation.
 */
export function useReportSignOut(): (error: unknown) => void {
  const { signedOut } = useHaruSession();
  return useCallback(
    (error: unknown) => {
      if (!isSignedOut(error)) return;
      signedOut().catch((failure: unknown) => console.warn('Could not sign out:', failure));
    },
    [signedOut],
  );
}
