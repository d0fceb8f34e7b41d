import { HaruApiError } from '@haru/client';
import { useGlobalSearchParams } from 'expo-router';
import { useState } from 'react';
import { Image, ScrollView, StyleSheet, View } from 'react-native';
import { SafeAreaView } from 'react-native-safe-area-context';
import { Button } from '@/components/ui/button';
import { Choice } from '@/components/ui/choice';
import { TextField } from '@/components/ui/text-field';
import { ThemedText } from '@/components/ui/themed-text';
import { useTheme } from '@/components/ui/use-theme';
import { MaxContentWidth, Spacing } from '@/constants/theme';
import type { Language } from '@/i18n/strings';
import { useHaruSession } from '../session/haru-session';
import { type ProblemKind, problemKind, problemMessage } from '../session/problems';
import { isServerUrl, serverAddress } from '../settings/settings';

/** First launch: what Haru is, where the diary lives, the language, and a new diary or one from another device. */
export function IntroScreen() {
  const { strings, settings, saveSettings, beginDiary, introNotice } = useHaruSession();
  const theme = useTheme();
  // A QR code from "Add a device" opens Haru with its code: `/?link=CODE`.
  const { link } = useGlobalSearchParams<{ link?: string }>();
  const [linking, setLinking] = useState(Boolean(link));
  const [code, setCode] = useState(link ?? '');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ProblemKind | undefined>(undefined);

  const begin = async (linkCode?: string) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await beginDiary(linkCode);
    } catch (error) {
      const refused = error instanceof HaruApiError && error.status >= 400 && error.status < 500;
      setProblem(linkCode && refused ? 'link-code-invalid' : problemKind(error, undefined));
      setBusy(false);
    }
  };

  return (
    <SafeAreaView style={[styles.safe, { backgroundColor: theme.background }]}>
      <ScrollView contentContainerStyle={styles.page} testID="intro-screen">
        {introNotice ? (
          <ThemedText
            style={[styles.notice, { backgroundColor: theme.backgroundElement }]}
            accessibilityRole="alert"
            testID={introNotice}
          >
            {introNotice === 'diary-erased' ? strings.diaryErased : strings.signedOutElsewhere}
          </ThemedText>
        ) : null}
        <Image
          source={require('../../../assets/images/splash-icon.png')}
          style={styles.mark}
          accessible={false}
          testID="intro-mark"
        />
        <ThemedText type="title" accessibilityRole="header">
          {strings.introTitle}
        </ThemedText>
        <ThemedText type="entry">{strings.introWhat}</ThemedText>
        <ThemedText color="textSecondary">
          {strings.introPrivacy.replace('{server}', settings.serverUrl)}
        </ThemedText>
        <ThemedText type="smallBold">{strings.settingsServer}</ThemedText>
        <ServerField />

        <ThemedText type="smallBold">{strings.settingsLanguage}</ThemedText>
        <View
          style={styles.choices}
          accessibilityRole="radiogroup"
          accessibilityLabel={strings.settingsLanguage}
        >
          {(['ko', 'en'] as Language[]).map((language) => (
            <Choice
              key={language}
              label={language === 'ko' ? strings.korean : strings.english}
              selected={settings.language === language}
              onPress={() => void saveSettings({ ...settings, language })}
              testID={`intro-language-${language}`}
            />
          ))}
        </View>

        {problem ? (
          <ThemedText color="danger" accessibilityRole="alert">
            {problemMessage(problem, strings)}
          </ThemedText>
        ) : null}

        {linking ? (
          <View style={styles.section}>
            <ThemedText>{strings.linkCodeHelp}</ThemedText>
            <TextField
              value={code}
              onChangeText={setCode}
              autoCapitalize="characters"
              autoCorrect={false}
              placeholder={strings.linkCode}
              accessibilityLabel={strings.linkCode}
              onSubmitEditing={() => code.trim() && void begin(code.trim())}
              style={styles.input}
              testID="link-code-input"
            />
            <Button
              label={strings.linkDevice}
              disabled={busy || code.trim() === ''}
              onPress={() => void begin(code.trim())}
              testID="link-device"
            />
            <Button label={strings.cancel} variant="secondary" onPress={() => setLinking(false)} />
          </View>
        ) : (
          <View style={styles.section}>
            <Button
              label={strings.startDiary}
              disabled={busy}
              onPress={() => void begin()}
              testID="intro-start"
            />
            <Button
              label={strings.haveDiary}
              variant="secondary"
              disabled={busy}
              onPress={() => setLinking(true)}
              testID="intro-link"
            />
          </View>
        )}
      </ScrollView>
    </SafeAreaView>
  );
}

const styles = StyleSheet.create({
  safe: { flex: 1 },
  notice: { padding: Spacing.three, borderRadius: 12 },
  // The mark's image has room around it (it is also the splash screen's): pulled left, it lines up with the text.
  mark: { width: 88, height: 88, marginLeft: -Spacing.two },
  page: {
    padding: Spacing.four,
    gap: Spacing.three,
    width: '100%',
    maxWidth: MaxContentWidth,
    alignSelf: 'center',
    flexGrow: 1,
    justifyContent: 'center',
  },
  choices: { flexDirection: 'row', flexWrap: 'wrap', gap: Spacing.two },
  section: { gap: Spacing.two },
  server: { flexDirection: 'row', alignItems: 'center', gap: Spacing.two },
  serverInput: {
    flex: 1,
    minHeight: 44,
    borderRadius: 12,
    paddingHorizontal: Spacing.three,
    fontSize: 15,
  },
  input: {
    minHeight: 44,
    borderRadius: 12,
    paddingHorizontal: Spacing.three,
    fontSize: 20,
    letterSpacing: 2,
  },
});

/** A phone's build may not know where its owner's server is: it can be set before the diary begins. */
function ServerField() {
  const { strings, settings, saveSettings } = useHaruSession();
  const [serverUrl, setServerUrl] = useState(settings.serverUrl);
  const changed = serverAddress(serverUrl);
  const canSave = isServerUrl(changed) && changed !== settings.serverUrl;
  return (
    <View style={styles.server}>
      <TextField
        value={serverUrl}
        onChangeText={setServerUrl}
        autoCapitalize="none"
        autoCorrect={false}
        keyboardType="url"
        accessibilityLabel={strings.settingsServer}
        style={styles.serverInput}
        testID="intro-server"
      />
      {canSave ? (
        <Button
          label={strings.save}
          variant="secondary"
          onPress={() => void saveSettings({ ...settings, serverUrl: changed })}
          testID="intro-save-server"
        />
      ) : null}
    </View>
  );
}
