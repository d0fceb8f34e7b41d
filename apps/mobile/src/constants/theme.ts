import { Platform } from 'react-native';

/** Both palettes keep body text above 7:1 and secondary text above 4.5:1 on their backgrounds. */
export const Colors = {
  light: {
    text: '#1C1B1A',
    textSecondary: '#5E5A55',
    background: '#FBF8F3',
    backgroundElement: '#F1ECE4',
    backgroundSelected: '#E6DED2',
    accent: '#9A4A1F',
    onAccent: '#FFFFFF',
    userBubble: '#9A4A1F',
    onUserBubble: '#FFFFFF',
    haruBubble: '#FFFFFF',
    border: '#D9D0C3',
    danger: '#A4262C',
  },
  dark: {
    text: '#F4EFE8',
    textSecondary: '#BDB5AA',
    background: '#151312',
    backgroundElement: '#221F1D',
    backgroundSelected: '#2E2A27',
    accent: '#F0A672',
    onAccent: '#1C1B1A',
    userBubble: '#F0A672',
    onUserBubble: '#1C1B1A',
    haruBubble: '#2A2624',
    border: '#3B3632',
    danger: '#FF8A8F',
  },
} as const;

export type ThemeColor = keyof typeof Colors.light;

export const Spacing = { half: 2, one: 4, two: 8, three: 16, four: 24, five: 32, six: 64 } as const;

export const MaxContentWidth = 720;
/** Screens laid out in two columns on a wide window (the Journal: its calendar beside its days). */
export const WideContentWidth = 1120;

export const Fonts = Platform.select({
  web: {
    sans: 'system-ui, -apple-system, "Apple SD Gothic Neo", "Noto Sans KR", sans-serif',
    serif: 'Georgia, serif',
  },
  default: { sans: undefined, serif: Platform.OS === 'ios' ? 'Georgia' : 'serif' },
});
