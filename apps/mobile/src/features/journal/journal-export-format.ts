import { type Language, strings } from '@/i18n/strings';
import { formatDay } from '../days/day-key';
import type { JournalEntry } from './diary-entry';
import { moodLook } from './moods';

/** All entries as one Markdown document, newest first, for a person to read in the app's language. */
export function journalAsMarkdown(entries: JournalEntry[], language: Language): string {
  const moodLine = (mood: string) => `\n\n*${strings[language].mood}: ${moodLook(mood, language).label}*`;
  const sections = entries.map(
    (entry) =>
      `## ${formatDay(entry.day, language)}\n\n${entry.text}${entry.mood ? moodLine(entry.mood) : ''}\n`,
  );
  return `# ${strings[language].exportTitle}\n\n${sections.join('\n')}`;
}

export function journalAsJson(entries: JournalEntry[]): string {
  return `${JSON.stringify({ exported_at: new Date().toISOString(), entries }, null, 2)}\n`;
}
