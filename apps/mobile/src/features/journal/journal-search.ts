import type { Language } from '@/i18n/strings';
import { formatDay } from '../days/day-key';
import type { JournalEntry } from './diary-entry';
import { moodLook } from './moods';

export interface SearchableDay {
  day: string;
  /** Undefined while the entry is being written, or when writing it failed. */
  entry: JournalEntry | undefined;
  /** The person's own messages that day; undefined until they are read. */
  said: string[] | undefined;
}

export interface DayMatch {
  day: string;
  /**
   * When some word of the query is not in the entry but in what the person said: that message, cut
   * around the word. Undefined when the entry holds every word.
   */
  saidExcerpt: string | undefined;
}

/**
 * Days holding every word of the query, ignoring case, anywhere between their entry and what the person
 * said: the entry's text, its mood as either language shows it (슬픔, Sad), its date as stored or as
 * the app shows it (Nov 23, 11월 23일), and the person's own messages.
 */
export function searchDays(days: SearchableDay[], query: string): DayMatch[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  return days.flatMap(({ day, entry, said = [] }) => {
    const written = [day, ...shownAs(day, entry?.mood), entry?.mood ?? '', entry?.text ?? '']
      .join(' ')
      .toLocaleLowerCase();
    const saidLower = said.map((message) => message.toLocaleLowerCase());
    const saidIn = (word: string) => said[saidLower.findIndex((message) => message.includes(word))];
    const onlySaid = words.filter((word) => !written.includes(word));
    if (onlySaid.some((word) => saidIn(word) === undefined)) return [];
    const [word] = onlySaid;
    const message = word === undefined ? undefined : saidIn(word);
    return [{ day, saidExcerpt: word && message ? excerptAround(message, word) : undefined }];
  });
}

const languages: Language[] = ['en', 'ko'];

function shownAs(day: string, mood: string | undefined): string[] {
  return languages.flatMap((language) => [
    formatDay(day, language),
    formatDay(day, language, 'short'),
    ...(mood ? [moodLook(mood, language).label] : []),
  ]);
}

/** Room on either side of the found word: about a line of a day's card. */
const around = 40;

/**
 * A message on one line, cut to the found word and some words on either side, marked `…` where cut.
 * Cut between code points, as an emoji split between its two UTF-16 halves would show as garbage.
 */
export function excerptAround(message: string, word: string): string {
  const oneLine = message.replace(/\s+/g, ' ').trim();
  const at = oneLine.toLocaleLowerCase().indexOf(word.toLocaleLowerCase());
  const characters = Array.from(oneLine);
  const index = at < 0 ? 0 : Array.from(oneLine.slice(0, at)).length;
  const start = Math.max(0, index - around);
  const end = Math.min(characters.length, index + Array.from(word).length + around);
  const cut = characters.slice(start, end).join('').trim();
  return `${start > 0 ? '…' : ''}${cut}${end < characters.length ? '…' : ''}`;
}
