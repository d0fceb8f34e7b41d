import { Stack } from 'expo-router';

// A day opened straight from its address still has the Journal beneath it to go back to.
export const unstable_settings = { initialRouteName: 'index' };

export default function JournalLayout() {
  return <Stack screenOptions={{ headerShown: false }} />;
}
