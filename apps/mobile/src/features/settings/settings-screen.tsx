import { type ReactNode, useState } from 'react';
import { ScrollView, StyleSheet, View } from 'react-native';
import { Button } from '@/components/ui/button';
import { Choice } from '@/components/ui/choice';
import { Screen } from '@/components/ui/screen';
import { TextField } from '@/components/ui/text-field';
import { ThemedText } from '@/components/ui/themed-text';
import { useTheme } from '@/components/ui/use-theme';
import { Spacing } from '@/constants/theme';
import type { Language } from '@/i18n/strings';
import { canLock, lockAvailable } from '../lock/app-lock';
import { notificationsAllowed, remindersAvailable } from '../reminders/daily-reminder';
import { ReminderTimePicker } from '../reminders/reminder-time-picker';
import { reachesHaru } from '../session/connect';
import { ConnectionGate } from '../session/connection-gate';
import { useHaruSession } from '../session/haru-session';
import { DeleteDiarySection } from './delete-diary-section';
import { DevicesSection } from './devices-section';
import {
  defaultReminderAt,
  isServerUrl,
  lockAfterChoices,
  type Settings,
  serverAddress,
  type TimeOfDay,
  timeOfDayLabel,
} from './settings';

const hourLabel = (hour: number) => timeOfDayLabel({ hour, minute: 0 });

export function SettingsScreen() {
  const { settings, saveSettings, strings } = useHaruSession();
  const theme = useTheme();
  const [serverUrl, setServerUrl] = useState(settings.serverUrl);
  const [serverSaved, setServerSaved] = useState(false);
  const [checkingServer, setCheckingServer] = useState(false);
  const [serverProblem, setServerProblem] = useState<string | undefined>(undefined);
  const [note, setNote] = useState<string | undefined>(undefined);
  const serverValid = isServerUrl(serverUrl);

  const save = (change: Partial<Settings>) => saveSettings({ ...settings, ...change });

  const saveServer = async () => {
    const address = serverAddress(serverUrl);
    setServerProblem(undefined);
    setCheckingServer(true);
    const reached = await reachesHaru(address);
    setCheckingServer(false);
    if (!reached) return setServerProblem(strings.serverUnreachable.replace('{url}', address));
    await save({ serverUrl: address });
    setServerUrl(address);
    setServerSaved(true);
  };

  // The reminder itself is scheduled, moved and cancelled by `useDailyReminder`, from this setting;
  // turning it on is where notifications are asked for, and where a refusal is said.
  const turnOnReminder = async () => {
    if (settings.reminderAt) return;
    setNote(undefined);
    if (!(await notificationsAllowed())) return setNote(strings.reminderDenied);
    await save({ reminderAt: defaultReminderAt });
  };
  const saveReminder = (reminderAt: TimeOfDay | null) => {
    setNote(undefined);
    void save({ reminderAt });
  };

  const chooseLock = async (lockAfterMinutes: Settings['lockAfterMinutes']) => {
    setNote(undefined);
    if (lockAfterMinutes !== null && !(await canLock())) return setNote(strings.appLockUnavailable);
    await save({ lockAfterMinutes });
  };

  return (
    <Screen title={strings.tabSettings}>
      <ScrollView contentContainerStyle={styles.page}>
        <Section title={strings.settingsLanguage}>
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
                onPress={() => void save({ language })}
                testID={`language-${language}`}
              />
            ))}
          </View>
        </Section>

        <Section title={strings.settingsDayStarts} help={strings.settingsDayStartsHelp}>
          <View
            style={styles.choices}
            accessibilityRole="radiogroup"
            accessibilityLabel={strings.settingsDayStarts}
          >
            {[0, 1, 2, 3, 4, 5, 6].map((hour) => (
              <Choice
                key={hour}
                label={hourLabel(hour)}
                selected={settings.dayStartHour === hour}
                onPress={() => void save({ dayStartHour: hour })}
                testID={`day-start-${hour}`}
              />
            ))}
          </View>
        </Section>

        {remindersAvailable ? (
          <Section title={strings.reminder} help={strings.reminderHelp}>
            <View style={styles.choices} accessibilityRole="radiogroup" accessibilityLabel={strings.reminder}>
              <Choice
                label={strings.off}
                selected={settings.reminderAt === null}
                onPress={() => saveReminder(null)}
                testID="reminder-off"
              />
              <Choice
                label={strings.on}
                selected={settings.reminderAt !== null}
                onPress={() => void turnOnReminder()}
                testID="reminder-on"
              />
            </View>
            {settings.reminderAt ? (
              <View style={styles.reminderTime}>
                <ThemedText color="textSecondary">{strings.reminderTime}</ThemedText>
                <ReminderTimePicker
                  value={settings.reminderAt}
                  label={strings.reminderTime}
                  onChange={saveReminder}
                />
              </View>
            ) : null}
          </Section>
        ) : null}

        {lockAvailable ? (
          <Section title={strings.appLock} help={strings.appLockHelp}>
            <View style={styles.choices} accessibilityRole="radiogroup" accessibilityLabel={strings.appLock}>
              {[null, ...lockAfterChoices].map((minutes) => (
                <Choice
                  key={minutes ?? 'off'}
                  label={
                    minutes === null ? strings.off : strings.lockAfter.replace('{minutes}', String(minutes))
                  }
                  selected={settings.lockAfterMinutes === minutes}
                  onPress={() => void chooseLock(minutes)}
                  testID={`lock-${minutes ?? 'off'}`}
                />
              ))}
            </View>
          </Section>
        ) : null}
        {note ? (
          <ThemedText type="small" color="danger" accessibilityRole="alert">
            {note}
          </ThemedText>
        ) : null}

        <Section title={strings.devices} help={strings.devicesHelp}>
          <ConnectionGate>{(connection) => <DevicesSection connection={connection} />}</ConnectionGate>
        </Section>

        <Section title={strings.settingsServer} help={strings.settingsServerHelp}>
          <TextField
            value={serverUrl}
            onChangeText={(text) => {
              setServerUrl(text);
              setServerSaved(false);
              setServerProblem(undefined);
            }}
            autoCapitalize="none"
            autoCorrect={false}
            keyboardType="url"
            accessibilityLabel={strings.settingsServer}
            style={styles.input}
            testID="server-url"
          />
          {serverValid ? null : (
            <ThemedText type="small" color="danger">
              {strings.invalidServer}
            </ThemedText>
          )}
          {serverProblem ? (
            <ThemedText type="small" color="danger" accessibilityRole="alert" testID="server-problem">
              {serverProblem}
            </ThemedText>
          ) : null}
          <Button
            label={checkingServer ? strings.checkingServer : serverSaved ? strings.saved : strings.save}
            disabled={!serverValid || checkingServer || serverAddress(serverUrl) === settings.serverUrl}
            onPress={() => void saveServer()}
            testID="save-server"
          />
        </Section>

        <ThemedText type="small" color="textSecondary">
          {strings.settingsTheme}
        </ThemedText>

        <View style={[styles.dangerZone, { borderColor: theme.border }]} testID="delete-diary-section">
          <Section title={strings.deleteDiary} help={strings.deleteDiaryHelp}>
            <ConnectionGate>{(connection) => <DeleteDiarySection connection={connection} />}</ConnectionGate>
          </Section>
        </View>
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

const styles = StyleSheet.create({
  page: { padding: Spacing.three, gap: Spacing.four },
  section: { gap: Spacing.two },
  choices: { flexDirection: 'row', flexWrap: 'wrap', gap: Spacing.two },
  reminderTime: { flexDirection: 'row', alignItems: 'center', gap: Spacing.three },
  input: { minHeight: 44, borderRadius: 12, paddingHorizontal: Spacing.three, fontSize: 17 },
  // Set apart: of everything here, it is the one thing that cannot be undone.
  dangerZone: { borderTopWidth: 1, paddingTop: Spacing.four },
});
