import { allowScreenCaptureAsync, preventScreenCaptureAsync } from 'expo-screen-capture';
import { useEffect } from 'react';

const key = 'haru-app-lock';

/**
 * Android may take the app switcher's picture before it tells the app it left, so a cover drawn then can
 * come too late. While `on` (the app lock is on), Haru's window is marked secure: the app switcher shows
 * it blank, and screenshots and recordings of it are refused.
 */
export function useKeepOutOfAppSwitcher(on: boolean) {
  useEffect(() => {
    if (!on) return;
    preventScreenCaptureAsync(key).catch((error: unknown) =>
      console.warn('Could not keep Haru out of the app switcher:', error),
    );
    return () => {
      allowScreenCaptureAsync(key).catch(() => undefined);
    };
  }, [on]);
}
