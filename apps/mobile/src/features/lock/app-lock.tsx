import * as LocalAuthentication from 'expo-local-authentication';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { AppState, StyleSheet, View } from 'react-native';
import { Button } from '@/components/ui/button';
import { ThemedText } from '@/components/ui/themed-text';
import { useTheme } from '@/components/ui/use-theme';
import { Spacing } from '@/constants/theme';
import { useHaruSession } from '../session/haru-session';
import { useKeepOutOfAppSwitcher } from './keep-out-of-app-switcher';

export const lockAvailable = true;

/** Whether this device can ask for Face ID, a fingerprint or its passcode. */
export const canLock = () => LocalAuthentication.getEnrolledLevelAsync().then((level) => level > 0);

/**
 * Hides Haru's content whenever it is not in front (so the app switcher shows no diary), and with the
 * app lock on, asks for Face ID, a fingerprint or the passcode after the chosen time in the background.
 */
export function AppLock({ children }: { children: ReactNode }) {
  const { settings, strings } = useHaruSession();
  const theme = useTheme();
  const lockAfterMs = settings.lockAfterMinutes === null ? undefined : settings.lockAfterMinutes * 60_000;
  const [locked, setLocked] = useState(lockAfterMs !== undefined);
  const [covered, setCovered] = useState(false);
  const leftAt = useRef<number | undefined>(undefined);
  useKeepOutOfAppSwitcher(lockAfterMs !== undefined);

  const unlock = useCallback(async () => {
    const result = await LocalAuthentication.authenticateAsync({ promptMessage: strings.unlock });
    if (result.success) setLocked(false);
  }, [strings.unlock]);

  useEffect(() => {
    const subscription = AppState.addEventListener('change', (state) => {
      setCovered(state !== 'active');
      if (state === 'background') leftAt.current ??= Date.now();
      if (state !== 'active') return;
      const away = leftAt.current === undefined ? 0 : Date.now() - leftAt.current;
      leftAt.current = undefined;
      if (lockAfterMs !== undefined && away >= lockAfterMs) setLocked(true);
    });
    return () => subscription.remove();
  }, [lockAfterMs]);

  // Turning the lock off in Settings unlocks at once.
  useEffect(() => {
    if (lockAfterMs === undefined) setLocked(false);
  }, [lockAfterMs]);

  const hidden = locked || covered;
  // The app stays mounted under the cover: unmounting it would lose a half-written message, a reply
  // being streamed and a diary edit every time Control Center or the Face ID prompt came up.
  return (
    <View style={styles.fill}>
      <View
        style={styles.fill}
        accessibilityElementsHidden={hidden}
        importantForAccessibility={hidden ? 'no-hide-descendants' : 'auto'}
        testID="app-content"
      >
        {children}
      </View>
      {hidden ? (
        <View style={[styles.cover, { backgroundColor: theme.background }]} testID="app-lock">
          <ThemedText type="title">{strings.haru}</ThemedText>
          {locked ? (
            <>
              <ThemedText color="textSecondary">{strings.locked}</ThemedText>
              <Button label={strings.unlock} onPress={() => void unlock()} testID="unlock" />
            </>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}

const styles = StyleSheet.create({
  fill: { flex: 1 },
  cover: {
    ...StyleSheet.absoluteFill,
    alignItems: 'center',
    justifyContent: 'center',
    gap: Spacing.three,
  },
});
