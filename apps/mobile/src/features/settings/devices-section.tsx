import { type Device, HaruApiError, type LinkCode } from '@haru/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { StyleSheet, View } from 'react-native';
import { Button } from '@/components/ui/button';
import { ThemedText } from '@/components/ui/themed-text';
import { useTheme } from '@/components/ui/use-theme';
import { Spacing } from '@/constants/theme';
import type { Language } from '@/i18n/strings';
import { type Connection, useHaruSession } from '../session/haru-session';
import { describeProblem } from '../session/problems';
import { LinkCodeQr } from './link-code-qr';

const linkedCheckMs = 2000;

const locale = (language: Language) => (language === 'ko' ? 'ko-KR' : 'en-US');
const dateOf = (unixSeconds: number, language: Language) =>
  new Date(unixSeconds * 1000).toLocaleDateString(locale(language), { month: 'short', day: 'numeric' });
/** A phrase that never breaks across lines ("마지막 사용 / 11월 26일"): only the gap between phrases may. */
const unbroken = (phrase: string) => phrase.replace(/ /g, '\u00a0');

/** The person's devices on this server: a link code to add one, and signing one out. */
export function DevicesSection({ connection }: { connection: Connection }) {
  const { client } = connection;
  const { strings, language, signedOut } = useHaruSession();
  const theme = useTheme();
  const queryClient = useQueryClient();
  const linkCode = useMutation<LinkCode>({ mutationFn: () => client.auth.createLinkCode() });
  // While a code is shown, the list is asked again now and then: the new device appears once it joins.
  const devices = useQuery({
    queryKey: ['devices'],
    queryFn: () => client.auth.listDevices(),
    refetchInterval: linkCode.data ? linkedCheckMs : false,
  });
  const count = devices.data?.data.length;
  const countWhenShown = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (!linkCode.data) {
      countWhenShown.current = undefined;
      return;
    }
    countWhenShown.current ??= count;
    // A code works once: when a device joined with it, it is spent and goes away.
    if (count !== undefined && countWhenShown.current !== undefined && count > countWhenShown.current)
      linkCode.reset();
  }, [linkCode.data, count, linkCode.reset]);
  const [confirming, setConfirming] = useState<Device | undefined>(undefined);
  const signOut = useMutation({
    mutationFn: (device: Device) => client.auth.deleteDevice(device.id),
    onSuccess: async (_deleted, device) => {
      setConfirming(undefined);
      if (device.current) await signedOut({ confirmed: true });
      else await queryClient.invalidateQueries({ queryKey: ['devices'] });
    },
  });
  const listed = devices.data?.data ?? [];
  // The last device signed out leaves a diary nothing can open: said plainly, before it happens.
  const confirmation = (device: Device) =>
    !device.current
      ? strings.signOutOtherConfirm
      : listed.length > 1
        ? strings.signOutThisConfirm
        : strings.signOutLastConfirm;

  // A gateway from before device linking answers 404 here.
  if (devices.error instanceof HaruApiError && devices.error.status === 404) {
    return (
      <ThemedText type="small" color="textSecondary">
        {strings.devicesUnavailable}
      </ThemedText>
    );
  }
  const problem = devices.error ?? linkCode.error ?? signOut.error;
  return (
    <View style={styles.section} testID="devices">
      {problem ? (
        <ThemedText type="small" color="danger" accessibilityRole="alert">
          {describeProblem(problem, undefined, strings).message}
        </ThemedText>
      ) : null}
      {listed.map((device) => (
        <View
          key={device.id}
          style={[styles.device, { backgroundColor: theme.backgroundElement }]}
          testID={device.current ? 'device-current' : `device-${device.id}`}
        >
          <View style={styles.row}>
            <View style={styles.fill}>
              <ThemedText type="smallBold">
                {device.current && device.name
                  ? `${strings.thisDevice} · ${device.name}`
                  : (device.name ?? (device.current ? strings.thisDevice : strings.otherDevice))}
              </ThemedText>
              <ThemedText type="small" color="textSecondary" testID="dates-in-use">
                {unbroken(strings.addedOn.replace('{date}', dateOf(device.created_at, language)))}
                {device.last_used_at
                  ? ` · ${unbroken(strings.lastUsed.replace('{date}', dateOf(device.last_used_at, language)))}`
                  : ''}
              </ThemedText>
            </View>
            <Button
              label={strings.signOutDevice}
              variant="secondary"
              disabled={signOut.isPending || confirming?.id === device.id}
              accessibilityLabel={`${strings.signOutDevice}: ${device.current ? strings.thisDevice : (device.name ?? strings.otherDevice)}`}
              onPress={() => setConfirming(device)}
              testID={`sign-out-${device.id}`}
            />
          </View>
          {confirming?.id === device.id ? (
            <View style={styles.confirm}>
              <ThemedText type="small" accessibilityRole="alert" testID="sign-out-warning">
                {confirmation(device)}
              </ThemedText>
              <View style={styles.row}>
                <Button
                  label={
                    device.current && listed.length === 1 ? strings.signOutAnyway : strings.signOutDevice
                  }
                  variant="danger"
                  disabled={signOut.isPending}
                  onPress={() => signOut.mutate(device)}
                  testID="confirm-sign-out"
                />
                <Button label={strings.cancel} variant="secondary" onPress={() => setConfirming(undefined)} />
              </View>
            </View>
          ) : null}
        </View>
      ))}
      {linkCode.data ? (
        <View style={[styles.code, { borderColor: theme.accent }]} accessibilityLiveRegion="polite">
          <ThemedText type="title" selectable testID="link-code">
            {linkCode.data.code}
          </ThemedText>
          <LinkCodeQr code={linkCode.data.code} />
          <ThemedText type="small" color="textSecondary" style={styles.center}>
            {strings.linkCodeShown.replace(
              '{time}',
              new Date(linkCode.data.expires_at * 1000).toLocaleTimeString(locale(language), {
                hour: 'numeric',
                minute: '2-digit',
              }),
            )}
          </ThemedText>
        </View>
      ) : null}
      <Button
        label={strings.addDevice}
        variant={linkCode.data ? 'secondary' : 'primary'}
        disabled={linkCode.isPending}
        onPress={() => linkCode.mutate()}
        testID="add-device"
      />
    </View>
  );
}

const styles = StyleSheet.create({
  section: { gap: Spacing.two },
  device: { gap: Spacing.two, padding: Spacing.three, borderRadius: 12 },
  row: { flexDirection: 'row', alignItems: 'center', gap: Spacing.two },
  confirm: { gap: Spacing.two },
  fill: { flex: 1 },
  code: { alignItems: 'center', gap: Spacing.two, padding: Spacing.three, borderRadius: 16, borderWidth: 1 },
  center: { textAlign: 'center' },
});
