import { type Language, strings } from '@/i18n/strings';
import type { JournalEntry } from './diary-entry';
import { moodLook } from './moods';

/** All entries as one Markdown document, newest first, for a person to read in the app's language. */
export function journalAsMarkdown(entries: JournalEntry[], language: Language): string {
  const moodLine = (mood: string) => `\n\n*${strings[language].mood}: ${moodLook(mood, language).label}*`;
  const sections = entries.map(
    (entry) => `## ${entry.day}\n\n${entry.text}${entry.mood ? moodLine(entry.mood) : ''}\n`,
  );
  return `# Haru\n\n${sections.join('\n')}`;
}

export function journalAsJson(entries: JournalEntry[]): string {
  return `${JSON.stringify({ exported_at: new Date().toISOString(), entries }, null, 2)}\n`;
}

/** Entries whose text, mood or date contains every word of the query, ignoring case. */
export function searchEntries(entries: JournalEntry[], query: string): JournalEntry[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return entries;
  return entries.filter((entry) => {
    const haystack = `${entry.day} ${entry.mood ?? ''} ${entry.text}`.toLocaleLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}
