import QRCode from 'qrcode';
import { useMemo } from 'react';
import { StyleSheet, View } from 'react-native';
import { useHaruSession } from '../session/haru-session';

const cellSize = 5;

/**
 * The link code as a QR code for a phone's camera: it opens Haru on this server with the code filled in.
 * Drawn with plain views, dark on white in either theme, as scanners expect.
 */
export function LinkCodeQr({ code }: { code: string }) {
  const { settings, strings } = useHaruSession();
  const rows = useMemo(() => {
    const { modules } = QRCode.create(`${settings.serverUrl}/?link=${encodeURIComponent(code)}`, {
      errorCorrectionLevel: 'M',
    });
    return Array.from({ length: modules.size }, (_, row) =>
      Array.from({ length: modules.size }, (_, column) => modules.get(row, column)),
    );
  }, [code, settings.serverUrl]);
  return (
    <View
      style={styles.quietZone}
      accessibilityRole="image"
      accessibilityLabel={strings.linkCode}
      testID="link-qr"
    >
      {rows.map((cells, row) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a QR code's rows are its positions; they never move
        <View key={row} style={styles.row}>
          {cells.map((dark, column) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: as above, a module's place is its identity
            <View key={column} style={[styles.cell, dark ? styles.dark : undefined]} />
          ))}
        </View>
      ))}
    </View>
  );
}

const styles = StyleSheet.create({
  quietZone: { backgroundColor: '#FFFFFF', padding: cellSize * 4 },
  row: { flexDirection: 'row' },
  cell: { width: cellSize, height: cellSize },
  dark: { backgroundColor: '#000000' },
});
