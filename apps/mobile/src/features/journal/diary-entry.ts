import { type DiaryMood, diaryMoods, type Message, messageText, parseDiaryEntry } from '@haru/client';
import type { Language } from '@/i18n/strings';

export interface JournalEntry {
  day: string;
  text: string;
  /** One of the diarist's moods, or the free word an older plain-text entry ended with. */
  mood: DiaryMood | string | undefined;
  summary?: string | undefined;
}

const labels = {
  en: { day: 'Day', me: 'Me', haru: 'Haru' },
  ko: { day: '날짜', me: '나', haru: '하루' },
} as const;

/** The day's conversation as the diarist reads it: one `Me:` or `Haru:` line per message. */
export function transcriptOf(day: string, messages: Message[], language: Language): string {
  const words = labels[language];
  const lines = messages
    .map((message) => ({
      who: message.role === 'user' ? words.me : words.haru,
      text: messageText(message).trim(),
    }))
    .filter((line) => line.text)
    .map((line) => `${line.who}: ${line.text.replace(/\s*\n\s*/g, ' ')}`);
  return [`${words.day}: ${day}`, ...lines].join('\n');
}

export const isDiaryMood = (mood: unknown): mood is DiaryMood => diaryMoods.includes(mood as DiaryMood);

/**
 * The entry in a diarist's reply: its structured JSON, or (entries written before it) plain text whose
 * last line may name the mood (`Mood: calm`, `기분: 평온`).
 */
export function parseEntry(day: string, reply: string): JournalEntry {
  const structured = parseDiaryEntry(reply);
  if (structured)
    return { day, text: structured.entry.trim(), mood: structured.mood, summary: structured.summary };
  const lines = reply.trim().split('\n');
  const moodLine = lines.at(-1)?.match(/^\s*(?:mood|기분)\s*[:：]\s*(.+?)\s*$/i);
  if (!moodLine) return { day, text: reply.trim(), mood: undefined };
  const mood = moodLine[1] ?? '';
  return {
    day,
    text: lines.slice(0, -1).join('\n').trim(),
    mood: isDiaryMood(mood.toLowerCase()) ? mood.toLowerCase() : mood,
  };
}

/** An entry as the diarist would have written it, for storing the person's own edit the same way. */
export function entryAsReply(entry: JournalEntry): string {
  if (!isDiaryMood(entry.mood)) {
    return entry.mood ? `${entry.text}\n\nMood: ${entry.mood}` : entry.text;
  }
  return JSON.stringify({ entry: entry.text, mood: entry.mood, summary: entry.summary ?? '' });
}
