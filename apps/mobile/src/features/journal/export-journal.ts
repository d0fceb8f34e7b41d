import { File, Paths } from 'expo-file-system';
import * as Sharing from 'expo-sharing';

/** Hands the export to the phone's share sheet (save to Files, mail it, send it to a notes app). */
export async function exportJournal(fileName: string, content: string, mimeType: string): Promise<void> {
  const file = new File(Paths.cache, fileName);
  if (file.exists) file.delete();
  file.create();
  file.write(content);
  await Sharing.shareAsync(file.uri, { mimeType, dialogTitle: fileName });
}
