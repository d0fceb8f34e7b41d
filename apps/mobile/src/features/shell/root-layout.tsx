import Ionicons from '@expo/vector-icons/Ionicons';
import { DarkTheme, DefaultTheme, router, ThemeProvider, usePathname } from 'expo-router';
import { Tabs } from 'expo-router/tabs';
import type { ComponentProps } from 'react';
import { type ColorValue, useColorScheme, useWindowDimensions } from 'react-native';
import { Colors } from '@/constants/theme';
import { IntroScreen } from '../intro/intro-screen';
import { AppLock } from '../lock/app-lock';
import { useDailyReminder } from '../reminders/use-daily-reminder';
import { HaruSessionProvider, useHaruSession } from '../session/haru-session';
import { useDocumentLanguage } from './document-language';

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
        <App />
      </HaruSessionProvider>
    </ThemeProvider>
  );
}

type IconName = ComponentProps<typeof Ionicons>['name'];
const tabIcon =
  (name: IconName) =>
  ({ color, size }: { color: ColorValue; size: number }) => (
    <Ionicons name={name} color={color as string} size={size} />
  );

/** Wide windows (a desktop browser, a tablet) get the tabs down the side. */
const sideTabsFrom = 900;

function App() {
  const { needsIntro, language } = useHaruSession();
  useDocumentLanguage(language);
  useDailyReminder();
  return <AppLock>{needsIntro ? <IntroScreen /> : <AppTabs />}</AppLock>;
}

function AppTabs() {
  const { strings } = useHaruSession();
  const colors = Colors[useColorScheme() === 'dark' ? 'dark' : 'light'];
  const pathname = usePathname();
  const wide = useWindowDimensions().width >= sideTabsFrom;
  return (
    <Tabs
      screenOptions={{
        headerShown: false,
        tabBarActiveTintColor: colors.accent,
        tabBarInactiveTintColor: colors.textSecondary,
        tabBarLabelStyle: { fontSize: 12, lineHeight: 16, fontWeight: '600' },
        tabBarPosition: wide ? 'left' : 'bottom',
        tabBarVariant: wide ? 'material' : 'uikit',
        tabBarLabelPosition: wide ? 'beside-icon' : 'below-icon',
        // The material sidebar is at least 360 wide by default: three tabs need far less, the diary more.
        tabBarStyle: wide ? { width: 220, minWidth: 220 } : { height: 60, paddingBottom: 6 },
      }}
    >
      <Tabs.Screen
        name="index"
        options={{
          title: strings.tabToday,
          tabBarButtonTestID: 'tab-today',
          tabBarIcon: tabIcon('chatbubble-ellipses-outline'),
        }}
      />
      <Tabs.Screen
        name="journal"
        options={{
          title: strings.tabJournal,
          tabBarButtonTestID: 'tab-journal',
          tabBarIcon: tabIcon('book-outline'),
        }}
        listeners={{
          // From a day, the Journal tab leads back to the Journal, as on every phone.
          tabPress: (event) => {
            if (!pathname.startsWith('/journal/')) return;
            event.preventDefault();
            router.dismissTo('/journal');
          },
        }}
      />
      <Tabs.Screen
        name="settings"
        options={{
          title: strings.tabSettings,
          tabBarButtonTestID: 'tab-settings',
          tabBarIcon: tabIcon('settings-outline'),
        }}
      />
      {/* The page for addresses Haru has none for: reached by a link, never a tab of its own. */}
      <Tabs.Screen name="+not-found" options={{ href: null }} />
    </Tabs>
  );
}
