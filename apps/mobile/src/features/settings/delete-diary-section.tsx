import { useMutation } from '@tanstack/react-query';
import { router } from 'expo-router';
import { useState } from 'react';
import { StyleSheet, View } from 'react-native';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { ThemedText } from '@/components/ui/themed-text';
import { Spacing } from '@/constants/theme';
import { type Connection, useHaruSession } from '../session/haru-session';
import { describeProblem } from '../session/problems';

/**
 * Erasing the whole diary on the server, every device signed out: a way to export it first, then a word
 * to type before the button that erases it works, since nothing brings the diary back.
 */
export function DeleteDiarySection({ connection }: { connection: Connection }) {
  const { strings, signedOut } = useHaruSession();
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const erase = useMutation({
    mutationFn: () => connection.client.auth.deleteAccount(),
    // The diary is gone whatever happens next: a device that failed to forget its key finds out it is
    // signed out when it next starts, so this is no reason to say the erasing failed.
    onSuccess: () =>
      void signedOut({ erased: true })
        // A diary begun anew starts on Today, not on the Settings page this one was erased from.
        .then(() => router.replace('/'))
        .catch((error: unknown) => console.warn('Could not sign out:', error)),
  });
  const word = strings.deleteDiaryWord;
  const wordTyped = typed.trim().toLocaleLowerCase() === word.toLocaleLowerCase();
  const erasing = erase.isPending || erase.isSuccess;

  const cancel = () => {
    setConfirming(false);
    setTyped('');
    erase.reset();
  };

  return (
    <View style={styles.steps}>
      <View style={styles.step}>
        <ThemedText type="small">{strings.deleteDiaryExportFirst}</ThemedText>
        <Button
          label={strings.exportFromJournal}
          variant="secondary"
          accessibilityRole="link"
          onPress={() => router.push('/journal')}
          style={styles.start}
          testID="export-before-deleting"
        />
      </View>
      {confirming ? (
        <View style={styles.step}>
          <ThemedText accessibilityRole="alert" testID="delete-diary-warning">
            {strings.deleteDiaryConfirm.replace('{word}', word)}
          </ThemedText>
          <TextField
            value={typed}
            onChangeText={setTyped}
            autoCapitalize="none"
            autoCorrect={false}
            editable={!erasing}
            accessibilityLabel={strings.deleteDiaryWordLabel.replace('{word}', word)}
            placeholder={word}
            onSubmitEditing={() => wordTyped && !erasing && erase.mutate()}
            style={styles.input}
            testID="delete-diary-word"
          />
          {erase.isError ? (
            <ThemedText color="danger" accessibilityRole="alert" testID="delete-diary-problem">
              {`${strings.deleteDiaryFailed} ${describeProblem(erase.error, undefined, strings).message}`}
            </ThemedText>
          ) : null}
          <View style={styles.actions}>
            <Button
              label={erasing ? strings.deleting : strings.deleteDiaryForGood}
              variant="danger"
              disabled={!wordTyped || erasing}
              onPress={() => erase.mutate()}
              testID="confirm-delete-diary"
            />
            <Button
              label={strings.cancel}
              variant="secondary"
              disabled={erasing}
              onPress={cancel}
              testID="cancel-delete-diary"
            />
          </View>
        </View>
      ) : (
        <Button
          label={strings.deleteDiaryStart}
          variant="secondary"
          onPress={() => setConfirming(true)}
          style={styles.start}
          testID="delete-diary"
        />
      )}
    </View>
  );
}

const styles = StyleSheet.create({
  steps: { gap: Spacing.four },
  step: { gap: Spacing.two },
  start: { alignSelf: 'flex-start' },
  input: { minHeight: 44, borderRadius: 12, paddingHorizontal: Spacing.three, fontSize: 17 },
  actions: { flexDirection: 'row', flexWrap: 'wrap', alignItems: 'center', gap: Spacing.two },
});
