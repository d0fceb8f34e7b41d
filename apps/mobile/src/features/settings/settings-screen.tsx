import { type ReactNode, useState } from 'react';
import { Pressable, ScrollView, StyleSheet, TextInput, View } from 'react-native';
import { Button } from '@/components/ui/button';
import { Screen } from '@/components/ui/screen';
import { ThemedText } from '@/components/ui/themed-text';
import { useTheme } from '@/components/ui/use-theme';
import { Spacing } from '@/constants/theme';
import type { Language } from '@/i18n/strings';
import { useHaruSession } from '../session/haru-session';
import { isServerUrl } from './settings';

export function SettingsScreen() {
  const { settings, saveSettings, strings } = useHaruSession();
  const theme = useTheme();
  const [serverUrl, setServerUrl] = useState(settings.serverUrl);
  const [saved, setSaved] = useState(false);
  const serverValid = isServerUrl(serverUrl);

  const save = async (change: Partial<typeof settings>) => {
    await saveSettings({ ...settings, ...change });
    setSaved(true);
  };

  return (
    <Screen title={strings.tabSettings}>
      <ScrollView contentContainerStyle={styles.page}>
        <Section title={strings.settingsLanguage}>
          <View style={styles.choices} accessibilityRole="radiogroup">
            {(['ko', 'en'] as Language[]).map((language) => (
              <Choice
                key={language}
                label={language === 'ko' ? strings.korean : strings.english}
                selected={settings.language === language}
                onPress={() => save({ language })}
                testID={`language-${language}`}
              />
            ))}
          </View>
        </Section>

        <Section title={strings.settingsDayStarts} help={strings.settingsDayStartsHelp}>
          <View style={styles.choices} accessibilityRole="radiogroup">
            {[0, 2, 3, 4, 5, 6].map((hour) => (
              <Choice
                key={hour}
                label={`${String(hour).padStart(2, '0')}:00`}
                selected={settings.dayStartHour === hour}
                onPress={() => save({ dayStartHour: hour })}
                testID={`day-start-${hour}`}
              />
            ))}
          </View>
        </Section>

        <Section title={strings.settingsServer} help={strings.settingsServerHelp}>
          <TextInput
            value={serverUrl}
            onChangeText={(text) => {
              setServerUrl(text);
              setSaved(false);
            }}
            autoCapitalize="none"
            autoCorrect={false}
            keyboardType="url"
            accessibilityLabel={strings.settingsServer}
            style={[styles.input, { color: theme.text, backgroundColor: theme.backgroundElement }]}
            testID="server-url"
          />
          {serverValid ? null : (
            <ThemedText type="small" color="danger">
              {strings.invalidServer}
            </ThemedText>
          )}
          <Button
            label={saved ? strings.saved : strings.save}
            disabled={!serverValid || serverUrl.trim() === settings.serverUrl}
            onPress={() => save({ serverUrl: serverUrl.trim().replace(/\/+$/, '') })}
            testID="save-server"
          />
        </Section>

        <ThemedText type="small" color="textSecondary">
          {strings.settingsTheme}
        </ThemedText>
      </ScrollView>
    </Screen>
  );
}

function Section({ title, help, children }: { title: string; help?: string; children: ReactNode }) {
  return (
    <View style={styles.section}>
      <ThemedText type="heading" accessibilityRole="header">
        {title}
      </ThemedText>
      {help ? (
        <ThemedText type="small" color="textSecondary">
          {help}
        </ThemedText>
      ) : null}
      {children}
    </View>
  );
}

function Choice({
  label,
  selected,
  onPress,
  testID,
}: {
  label: string;
  selected: boolean;
  onPress: () => void;
  testID: string;
}) {
  const theme = useTheme();
  return (
    <Pressable
      accessibilityRole="radio"
      accessibilityState={{ selected, checked: selected }}
      onPress={onPress}
      testID={testID}
      style={[styles.choice, { backgroundColor: selected ? theme.accent : theme.backgroundElement }]}
    >
      <ThemedText type="smallBold" style={{ color: selected ? theme.onAccent : theme.text }}>
        {label}
      </ThemedText>
    </Pressable>
  );
}

const styles = StyleSheet.create({
  page: { padding: Spacing.three, gap: Spacing.four },
  section: { gap: Spacing.two },
  choices: { flexDirection: 'row', flexWrap: 'wrap', gap: Spacing.two },
  choice: {
    minHeight: 44,
    minWidth: 64,
    paddingHorizontal: Spacing.three,
    borderRadius: 22,
    justifyContent: 'center',
    alignItems: 'center',
  },
  input: { minHeight: 44, borderRadius: 12, paddingHorizontal: Spacing.three, fontSize: 17 },
});
