import { fallback, feelingCues, type Language } from './companion-phrases.ts';
import type { ChatMessage } from './model-provider.ts';

/** A diarist's instructions ask for a diary entry (in either language). */
export function isDiaryRequest(messages: ChatMessage[]): boolean {
  const instructions = messages.find((message) => message.role === 'system')?.content ?? '';
  return /diary entry|일기를/i.test(instructions);
}

/**
 * A first-person entry from the person's own lines in the transcript (`Me:` or `나:` lines, or the whole
 * message), closing with a one-word mood line as the diarist's instructions ask.
 */
export function diaryEntry(messages: ChatMessage[], language: Language): string {
  const transcript = messages
    .filter((message) => message.role === 'user')
    .map((message) => message.content)
    .join('\n');
  const ownLines = transcript
    .split('\n')
    .map((line) => line.match(/^\s*(?:me|나)\s*:\s*(.+)$/i)?.[1]?.trim())
    .filter((line): line is string => Boolean(line));
  const lines = ownLines.length > 0 ? ownLines : [transcript.trim()].filter(Boolean);
  const said = lines.map((line) => (/[.!?。…]$/.test(line) ? line : `${line}.`)).join(' ');
  const feeling = feelingCues.find((cue) =>
    lines.some((line) => cue.words.en.test(line) || cue.words.ko.test(line)),
  );
  const mood = (feeling?.mood ?? fallback.mood)[language];

  if (language === 'ko') {
    return [
      `오늘 하루를 적어 본다. ${said}`,
      `하루와 이야기하며 돌아보니, 오늘의 나는 ${mood}에 가까웠던 것 같다. 그래도 이렇게 적어 두니 마음이 조금 정리된다.`,
      `기분: ${mood}`,
    ].join('\n\n');
  }
  return [
    `A few lines about today. ${said}`,
    `Talking it through with Haru, I think I mostly felt ${mood} today. Writing it down helps me see the day more clearly.`,
    `Mood: ${mood}`,
  ].join('\n\n');
}
