import { useEffect, useState } from 'react';
import { StyleSheet, View } from 'react-native';
import { useTheme } from '@/components/ui/use-theme';
import { Spacing } from '@/constants/theme';

/** Three dots that take turns, until the first word of the reply arrives. */
export function TypingIndicator({ label }: { label: string }) {
  const theme = useTheme();
  const [lit, setLit] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setLit((n) => (n + 1) % 3), 400);
    return () => clearInterval(timer);
  }, []);
  return (
    <View
      accessibilityLabel={label}
      accessibilityRole="progressbar"
      style={styles.dots}
      testID="typing-indicator"
    >
      {[0, 1, 2].map((dot) => (
        <View
          key={dot}
          style={[styles.dot, { backgroundColor: theme.textSecondary, opacity: dot === lit ? 1 : 0.35 }]}
        />
      ))}
    </View>
  );
}

const styles = StyleSheet.create({
  dots: { flexDirection: 'row', gap: Spacing.one, paddingVertical: Spacing.two },
  dot: { width: 8, height: 8, borderRadius: 4 },
});
