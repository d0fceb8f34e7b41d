import type { DiaryEntry, DiaryMood } from '@haru/client/diary-entry';
import { diaryClosings, moodDays, quietDay } from './companion-phrases/diary.ts';
import { type Feeling, feelings } from './companion-phrases/feelings.ts';
import type { Language } from './companion-phrases/language.ts';
import type { Topic } from './companion-phrases/topics.ts';
import { detectLanguage, feelingsIn, fillIn, personIn, topicsIn, withParticle } from './feeling-detection.ts';
import type { ChatMessage, GenerateRequest } from './model-provider.ts';

/** The run asks for a diary entry: by its response format's name, or in its instructions. */
export function isDiaryRequest(request: Pick<GenerateRequest, 'messages' | 'responseFormat'>): boolean {
  const format = request.responseFormat;
  if (format?.type === 'json_schema' && format.json_schema.name === 'diary_entry') return true;
  const instructions = request.messages.find((message) => message.role === 'system')?.content ?? '';
  return /diary entry|일기를/i.test(instructions);
}

/**
 * The day's diary entry as the diarist's JSON: a short first-person account written from what the
 * person said (never their words pasted back), the mood that weighed most, and a one-line summary.
 */
export function diaryEntry(messages: ChatMessage[]): string {
  const transcript = messages
    .filter((message) => message.role === 'user')
    .map((message) => message.content)
    .join('\n');
  const lines = boundedLines(ownLines(transcript));
  const language = transcriptLanguage(transcript, lines);
  const readings = lines.map(readLine);
  const mood = moodOf(readings);
  const sentences = [...new Set(readings.flatMap((line) => sentencesAbout(line, language)))].slice(0, 5);
  const entry =
    sentences.length > 0 ? [...sentences, diaryClosings[mood][language]].join(' ') : quietDay[language];
  return JSON.stringify({ entry, mood, summary: summaryOf(readings, mood, language) } satisfies DiaryEntry);
}

/** What one of the person's lines says, read once for the mood, the entry and the summary. */
interface LineReading {
  /** Strongest first. */
  feelings: Feeling[];
  /** What the line was about, leaving out what would jar with a hard feeling (a meal, on an angry day). */
  topics: Topic[];
  who: string | undefined;
}

function readLine(line: string): LineReading {
  const feelings = feelingsIn(line);
  const feeling = feelings[0];
  const who = personIn(line, feeling);
  // "Mom" already tells of family: no "family was part of my day" beside "I felt grateful for Mom".
  const theirs = who ? topicsIn(who) : [];
  const topics = topicsIn(line).filter(
    (topic) => (!feeling || feeling.light || topic.setting) && !theirs.includes(topic),
  );
  return { feelings, topics, who };
}

/**
 * A day's lines, or of a day of thousands (pasted in, or sent to wear the gateway down) its first and
 * last: reading every line held the event loop for seconds, and an entry tells five things at most.
 */
function boundedLines(lines: string[]): string[] {
  return lines.length <= maxLines ? lines : [...lines.slice(0, maxLines / 2), ...lines.slice(-maxLines / 2)];
}
const maxLines = 120;

/**
 * The person's own lines: those of the app's transcript (`Me:` or `나:`), or, from a thread of the
 * person's messages, every line, so each message is heard on its own ("I nailed it" first, "now I'm
 * tired" last is a proud day, not one tired line).
 */
function ownLines(transcript: string): string[] {
  const lines = transcript.split('\n');
  const labelled = lines.some((line) => /^\s*(me|나|haru|하루|day|날짜)\s*:/i.test(line));
  return lines
    .map((line) => (labelled ? line.match(/^\s*(?:me|나)\s*:\s*(.+)$/i)?.[1] : line)?.trim())
    .filter((line): line is string => Boolean(line));
}

/** The app writes the transcript in its reader's language; its "Day:" or "날짜:" header says which. */
/**
 * The language the person wrote the day in; the transcript's labels (the app's language, which may be
 * another device's) only when their lines hold no words to tell by.
 */
function transcriptLanguage(transcript: string, lines: string[]): Language {
  const written = lines.join(' ');
  if (/[\p{L}]/u.test(written)) return detectLanguage(written);
  return transcript.match(/^\s*(날짜|day)\s*:/im)?.[1]?.toLowerCase() === '날짜' ? 'ko' : 'en';
}

/** The mood the day's feelings add up to, each weighted by how hard it is; calm only when nothing was felt. */
export const dayMood = (lines: string[]): DiaryMood => moodOf(lines.map(readLine));

function moodOf(readings: LineReading[]): DiaryMood {
  const totals = new Map<DiaryMood, number>();
  for (const { feelings } of readings) {
    for (const feeling of feelings)
      totals.set(feeling.mood, (totals.get(feeling.mood) ?? 0) + feeling.weight);
  }
  let best: DiaryMood = 'calm';
  let bestTotal = 0;
  // Strongest feelings first, so a tie goes to the harder one.
  for (const { mood } of feelings) {
    const total = totals.get(mood) ?? 0;
    if (total > bestTotal) {
      best = mood;
      bestTotal = total;
    }
  }
  return best;
}

function sentencesAbout({ feelings, topics, who }: LineReading, language: Language): string[] {
  const about = topics.slice(0, 1).map((topic) => topic.diary[language]);
  const feeling = feelings[0];
  if (!feeling) return about;
  const [withSomeone, alone] = feeling.diary[language];
  return [...about, fillIn(withSomeone, who, 'diary') ?? alone];
}

function summaryOf(readings: LineReading[], mood: DiaryMood, language: Language): string {
  const day = moodDays[mood][language];
  const named = readings
    .flatMap(({ who }) => (who ? [fillIn('{who}', who, 'diary') ?? who] : []))
    // "my friend" is most likely the "my best friend" named earlier.
    .filter(
      (who, _, all) => !all.some((other) => other !== who && other.endsWith(` ${who.replace(/^my /i, '')}`)),
    );
  const topics = readings
    .flatMap((line) => line.topics.map((topic) => topic.noun[language]))
    // "a friend" says nothing more once "my best friend" was named.
    .filter((noun) => !named.some((who) => who.includes(noun.replace(/^a /, ''))));
  const subjects = [...new Set([...named, ...topics])].slice(0, 2);
  if (subjects.length === 0) return `${day}.`;
  if (language === 'ko') {
    const [first = '', second] = subjects;
    const list = second ? `${withParticle(first, '과')} ${second}` : first;
    return `${list} 이야기가 있었던 ${day}.`;
  }
  return `${day}, about ${subjects.map((subject) => subject.replace(/^My /, 'my ')).join(' and ')}.`;
}
