import type { ReactNode } from 'react';
import { StyleSheet, View } from 'react-native';
import { SafeAreaView } from 'react-native-safe-area-context';
import { MaxContentWidth, Spacing } from '@/constants/theme';
import { ThemedText } from './themed-text';
import { useTheme } from './use-theme';

/** A screen's frame: safe areas, the theme's background, a centred column and a compact title bar. */
export function Screen({
  title,
  children,
  leading,
  actions,
  maxWidth = MaxContentWidth,
}: {
  title?: string;
  children: ReactNode;
  /** How wide the centred column may grow. */
  maxWidth?: number;
  /** Before the title, e.g. a way back. */
  leading?: ReactNode;
  actions?: ReactNode;
}) {
  const theme = useTheme();
  return (
    <SafeAreaView
      edges={['top', 'left', 'right']}
      style={[styles.safe, { backgroundColor: theme.background }]}
    >
      <View style={[styles.column, { maxWidth }]}>
        {title ? (
          <View style={styles.header}>
            {leading}
            <ThemedText type="heading" accessibilityRole="header" numberOfLines={1} style={styles.title}>
              {title}
            </ThemedText>
            {actions}
          </View>
        ) : null}
        {children}
      </View>
    </SafeAreaView>
  );
}

const styles = StyleSheet.create({
  safe: { flex: 1 },
  column: { flex: 1, width: '100%', alignSelf: 'center' },
  header: {
    flexDirection: 'row',
    alignItems: 'center',
    gap: Spacing.two,
    paddingHorizontal: Spacing.three,
    paddingTop: Spacing.two,
    paddingBottom: Spacing.two,
  },
  title: { flexShrink: 1 },
});
