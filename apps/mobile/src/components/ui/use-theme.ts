import { useColorScheme } from 'react-native';
import { Colors } from '@/constants/theme';

/** The palette for the system's light or dark mode. */
export function useTheme() {
  return Colors[useColorScheme() === 'dark' ? 'dark' : 'light'];
}
