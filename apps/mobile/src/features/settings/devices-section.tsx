import { type Device, HaruApiError, type LinkCode } from '@haru/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { StyleSheet, View } from 'react-native';
import { Button } from '@/components/ui/button';
import { ThemedText } from '@/components/ui/themed-text';
import { useTheme } from '@/components/ui/use-theme';
import { Spacing } from '@/constants/theme';
import type { Language } from '@/i18n/strings';
import { type Connection, useHaruSession } from '../session/haru-session';
import { describeProblem } from '../session/problems';
import { LinkCodeQr } from './link-code-qr';

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
  const devices = useQuery({ queryKey: ['devices'], queryFn: () => client.auth.listDevices() });
  const linkCode = useMutation<LinkCode>({ mutationFn: () => client.auth.createLinkCode() });
  const signOut = useMutation({
    mutationFn: (device: Device) => client.auth.deleteDevice(device.id),
    onSuccess: async (_deleted, device) => {
      if (device.current) await signedOut({ confirmed: true });
      else await queryClient.invalidateQueries({ queryKey: ['devices'] });
    },
  });

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
      {devices.data?.data.map((device) => (
        <View
          key={device.id}
          style={[styles.device, { backgroundColor: theme.backgroundElement }]}
          testID={device.current ? 'device-current' : `device-${device.id}`}
        >
          <View style={styles.fill}>
            <ThemedText type="smallBold">
              {device.name ?? (device.current ? strings.thisDevice : strings.otherDevice)}
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
            disabled={signOut.isPending}
            accessibilityLabel={`${strings.signOutDevice}: ${device.current ? strings.thisDevice : strings.otherDevice}`}
            onPress={() => signOut.mutate(device)}
            testID={`sign-out-${device.id}`}
          />
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
  device: {
    flexDirection: 'row',
    alignItems: 'center',
    gap: Spacing.two,
    padding: Spacing.three,
    borderRadius: 12,
  },
  fill: { flex: 1 },
  code: { alignItems: 'center', gap: Spacing.two, padding: Spacing.three, borderRadius: 16, borderWidth: 1 },
  center: { textAlign: 'center' },
});
