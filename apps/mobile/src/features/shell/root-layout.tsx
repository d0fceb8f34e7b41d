import { DarkTheme, DefaultTheme, ThemeProvider } from 'expo-router';
import { Tabs } from 'expo-router/tabs';
import { useColorScheme } from 'react-native';
import { Colors } from '@/constants/theme';
import { HaruSessionProvider, useHaruSession } from '../session/haru-session';

export function RootLayout() {
  const scheme = useColorScheme() === 'dark' ? 'dark' : 'light';
  const base = scheme === 'dark' ? DarkTheme : DefaultTheme;
  const colors = Colors[scheme];
  const theme = {
    ...base,
    colors: {
      ...base.colors,
      primary: colors.accent,
      background: colors.background,
      card: colors.background,
      text: colors.text,
      border: colors.border,
    },
  };
  return (
    <ThemeProvider value={theme}>
      <HaruSessionProvider>
        <AppTabs />
      </HaruSessionProvider>
    </ThemeProvider>
  );
}

function AppTabs() {
  const { strings } = useHaruSession();
  const colors = Colors[useColorScheme() === 'dark' ? 'dark' : 'light'];
  return (
    <Tabs
      screenOptions={{
        headerShown: false,
        tabBarActiveTintColor: colors.accent,
        tabBarInactiveTintColor: colors.textSecondary,
        tabBarIcon: () => null,
        tabBarIconStyle: { display: 'none' },
        tabBarLabelStyle: { fontSize: 15, fontWeight: '600' },
      }}
    >
      <Tabs.Screen name="index" options={{ title: strings.tabToday, tabBarButtonTestID: 'tab-today' }} />
      <Tabs.Screen
        name="journal"
        options={{ title: strings.tabJournal, tabBarButtonTestID: 'tab-journal' }}
      />
      <Tabs.Screen
        name="settings"
        options={{ title: strings.tabSettings, tabBarButtonTestID: 'tab-settings' }}
      />
    </Tabs>
  );
}
