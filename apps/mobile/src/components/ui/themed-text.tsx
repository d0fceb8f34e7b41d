import { StyleSheet, Text, type TextProps } from 'react-native';
import { Fonts, type ThemeColor } from '@/constants/theme';
import { useTheme } from './use-theme';

export type ThemedTextProps = TextProps & {
  type?: 'default' | 'title' | 'heading' | 'small' | 'smallBold' | 'caption' | 'entry';
  color?: ThemeColor;
};

/** Text in the theme's colours; sizes scale with the system's text size setting. */
export function ThemedText({ style, type = 'default', color = 'text', ...rest }: ThemedTextProps) {
  const theme = useTheme();
  return <Text style={[{ color: theme[color] }, styles[type], style]} maxFontSizeMultiplier={2} {...rest} />;
}

const styles = StyleSheet.create({
  default: { fontSize: 17, lineHeight: 25, fontFamily: Fonts.sans },
  title: { fontSize: 26, lineHeight: 34, fontWeight: '700', fontFamily: Fonts.sans },
  heading: { fontSize: 20, lineHeight: 28, fontWeight: '600', fontFamily: Fonts.sans },
  small: { fontSize: 14, lineHeight: 20, fontFamily: Fonts.sans },
  smallBold: { fontSize: 14, lineHeight: 20, fontWeight: '700', fontFamily: Fonts.sans },
  caption: { fontSize: 12, lineHeight: 16, fontFamily: Fonts.sans },
  entry: { fontSize: 17, lineHeight: 28, fontFamily: Fonts.serif },
});
