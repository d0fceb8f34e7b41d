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

/**
 * Entries holding every word of the query, ignoring case: in their text, their mood as either language
 * shows it (슬픔, Sad), or their date as stored or as the app shows it (Nov 23, 11월 23일).
 */
export function searchEntries(entries: JournalEntry[], query: string): JournalEntry[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return entries;
  return entries.filter((entry) => {
    const haystack = [entry.day, entry.mood ?? '', entry.text, ...shownAs(entry)]
      .join(' ')
      .toLocaleLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

const languages: Language[] = ['en', 'ko'];

function shownAs(entry: JournalEntry): string[] {
  return languages.flatMap((language) => [
    formatDay(entry.day, language),
    formatDay(entry.day, language, 'short'),
    ...(entry.mood ? [moodLook(entry.mood, language).label] : []),
  ]);
}
