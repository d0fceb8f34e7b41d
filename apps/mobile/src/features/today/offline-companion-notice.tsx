import { useQuery } from '@tanstack/react-query';
import { memo, useEffect, useState } from 'react';
import { StyleSheet, View } from 'react-native';
import { Button } from '@/components/ui/button';
import { ThemedText } from '@/components/ui/themed-text';
import { useTheme } from '@/components/ui/use-theme';
import { Spacing } from '@/constants/theme';
import { type Connection, useHaruSession } from '../session/haru-session';
import { keyValueStorage } from '../session/key-value-storage';
import type { ChatRow } from './chat-row';
import { offlineCompanion } from './offline-companion';

const seenKey = 'haru.offline-companion-notice-seen';

/**
 * Says once, kindly, that replies come from the gateway's built-in companion rather than a language
 * model, and how to connect one: when a reply says it was written by it, or the gateway's only models are it.
 * It is the one place the app says so: the companion's own note in its replies is left out (`shownText`).
 */
export const OfflineCompanionNotice = memo(function OfflineCompanionNotice({
  connection,
  rows,
}: {
  connection: Connection;
  rows: ChatRow[];
}) {
  const { strings } = useHaruSession();
  const theme = useTheme();
  const [seen, setSeen] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    void keyValueStorage
      .get(seenKey)
      .catch(() => null)
      .then((stored) => setSeen(stored === 'yes'));
  }, []);
  const models = useQuery({
    queryKey: ['models'],
    queryFn: () => connection.client.models.list(),
    enabled: seen === false,
    retry: false,
  });
  const onlyOffline =
    (models.data?.data.length ?? 0) > 0 &&
    models.data?.data.every((model) => model.owned_by === offlineCompanion);
  const wroteReply = rows.some((row) => row.generatedBy === offlineCompanion);
  if (seen !== false || !(onlyOffline || wroteReply)) return null;

  const dismiss = () => {
    setSeen(true);
    keyValueStorage
      .set(seenKey, 'yes')
      .catch((error: unknown) => console.warn('Could not keep that:', error));
  };
  return (
    <View
      style={[styles.notice, { backgroundColor: theme.backgroundElement, borderColor: theme.border }]}
      accessibilityLiveRegion="polite"
      testID="offline-companion-notice"
    >
      <View style={styles.heading}>
        <ThemedText type="smallBold" style={styles.title}>
          {strings.offlineCompanionTitle}
        </ThemedText>
        <Button
          label={strings.gotIt}
          variant="secondary"
          onPress={dismiss}
          testID="offline-companion-dismiss"
        />
      </View>
      <ThemedText type="small">{strings.offlineCompanion}</ThemedText>
    </View>
  );
});

const styles = StyleSheet.create({
  notice: {
    margin: Spacing.two,
    paddingHorizontal: Spacing.three,
    paddingVertical: Spacing.two,
    gap: Spacing.one,
    borderRadius: 16,
    borderWidth: StyleSheet.hairlineWidth,
  },
  // The button beside the title, not under the text: the note takes a few lines of a phone, not half.
  heading: { flexDirection: 'row', alignItems: 'center', gap: Spacing.two },
  title: { flex: 1 },
});
