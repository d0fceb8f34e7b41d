import type { Message } from '@haru/client';
import { messageText } from '@haru/client';
import type { Language } from '@/i18n/strings';

export interface DiaryEntry {
  day: string;
  text: string;
  mood: string | undefined;
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

/** Splits the diarist's reply into the entry and its closing one-word mood line, when it has one. */
export function parseEntry(day: string, reply: string): DiaryEntry {
  const lines = reply.trim().split('\n');
  const moodLine = lines.at(-1)?.match(/^\s*(?:mood|기분)\s*[:：]\s*(.+?)\s*$/i);
  if (!moodLine) return { day, text: reply.trim(), mood: undefined };
  return { day, text: lines.slice(0, -1).join('\n').trim(), mood: moodLine[1] };
}
