import type { HaruClient, Message, Thread } from '@haru/client';
import { messageText } from '@haru/client';
import type { Language } from '@/i18n/strings';
import { messagesOf, threadsOfKind } from '../days/day-threads';
import { concurrencyLimit } from './concurrency-limit';
import { entryAsReply, type JournalEntry, parseEntry, transcriptOf } from './diary-entry';

/** An entry with the thread that holds it, where an edit is stored. */
export interface StoredEntry extends JournalEntry {
  threadId: string;
}

/** One page of past days, newest first: each day's conversation (the newest, if two devices opened it). */
export async function pastDaysPage(
  client: HaruClient,
  todayKey: string,
  after: string | undefined,
  limit = 20,
): Promise<{ days: Thread[]; next: string | undefined }> {
  const page = await client.threads.list({
    limit,
    metadata: { kind: 'conversation' },
    ...(after && { after }),
  });
  const days = page.data.filter((thread) => (thread.metadata.day ?? todayKey) < todayKey);
  return { days, next: page.has_more ? (page.last_id ?? undefined) : undefined };
}

/** A day's entry from the newest of its entry threads that holds a finished one (an interrupted write leaves none). */
export async function readDayEntry(client: HaruClient, day: string): Promise<StoredEntry | undefined> {
  const threads = await client.threads.list({ limit: 100, metadata: { day, kind: 'entry' } });
  return firstEntryOf(client, threads.data);
}

/** The entry stored in an entry thread: its newest finished assistant message, the diarist's or an edit. */
async function readEntry(client: HaruClient, entryThread: Thread): Promise<StoredEntry | undefined> {
  const day = entryThread.metadata.day ?? '';
  const reply = (await messagesOf(client, entryThread.id)).findLast(
    (m) => m.role === 'assistant' && m.status === 'completed',
  );
  if (!reply) return undefined;
  const entry = { ...parseEntry(day, messageText(reply)), threadId: entryThread.id };
  // Edits saved by older versions of the app still carry the diarist's summary of its own version.
  return isPersonsEdit(reply) ? { ...entry, summary: undefined } : entry;
}

const isPersonsEdit = (message: Message) => message.metadata?.haru_edit === 'person';

/**
 * Writes a day's entry in a thread of its own, so the diary never mixes into the conversation:
 * the diarist reads the day's transcript and its reply is the entry. Undefined for a day without a word
 * from the person.
 */
export function writeEntry(
  client: HaruClient,
  diaristId: string,
  conversation: Thread,
  language: Language,
): Promise<StoredEntry | undefined> {
  return diaristTurns(() => writeEntryNow(client, diaristId, conversation, language));
}

/**
 * Entries are written two at a time: a Journal of many unwritten days asked for all at once ran into
 * the gateway's limit of runs per person, and left none for a message sent from Today meanwhile.
 */
const diaristTurns = concurrencyLimit(2);

async function writeEntryNow(
  client: HaruClient,
  diaristId: string,
  conversation: Thread,
  language: Language,
): Promise<StoredEntry | undefined> {
  const day = conversation.metadata.day ?? '';
  const messages = await messagesOf(client, conversation.id);
  // A day the person opened but never wrote in has nothing to keep.
  if (!messages.some((message) => message.role === 'user')) return undefined;
  const transcript = transcriptOf(day, messages, language);
  const thread = await client.threads.create({
    metadata: { day, kind: 'entry' },
    messages: [{ role: 'user', content: transcript }],
  });
  const run = await client.runs.createAndPoll(thread.id, { assistant_id: diaristId });
  if (run.status !== 'completed')
    throw new Error(run.last_error?.message ?? `The diarist's run ended ${run.status}.`);
  const entry = await readEntry(client, thread);
  if (!entry) throw new Error('The diarist wrote nothing.');
  await tagMood(client, entry);
  return entry;
}

/**
 * Keeps the person's own words for the entry as the newest assistant message of its thread, the way the
 * Assistants API stores any reply, marked as theirs: every device reads the edit, and the diarist's
 * first version stays in the thread beneath it.
 */
export async function saveEditedEntry(client: HaruClient, entry: StoredEntry): Promise<StoredEntry> {
  // The diarist's one-line summary was of its own version; the person's words stand for an edited day.
  const edited = { ...entry, summary: undefined };
  await client.messages.create(entry.threadId, {
    role: 'assistant',
    content: entryAsReply(edited),
    metadata: { haru_edit: 'person' },
  });
  await tagMood(client, edited);
  return edited;
}

/** The mood on the entry thread's metadata, so the calendar reads a month's moods from one list. */
async function tagMood(client: HaruClient, entry: StoredEntry) {
  if (!entry.mood) return;
  await client.threads.update(entry.threadId, {
    metadata: { day: entry.day, kind: 'entry', mood: entry.mood },
  });
}

/** What the person said in a day's conversation, their own messages in order, Haru's left out. */
export async function wordsSaidIn(client: HaruClient, conversationId: string): Promise<string[]> {
  const messages = await messagesOf(client, conversationId);
  return messages.filter((message) => message.role === 'user').map(messageText);
}

/** Deletes every thread of a day on the gateway: its conversations and its entries. */
export async function deleteDay(client: HaruClient, day: string): Promise<void> {
  for (const kind of ['conversation', 'entry'] as const) {
    const threads = await client.threads.list({ limit: 100, metadata: { day, kind } });
    for (const thread of threads.data) await client.threads.delete(thread.id);
  }
}

export interface DayMood {
  day: string;
  mood: string;
}

/**
 * The mood of every entry, from the entry threads' metadata a page at a time (no message is read): the
 * calendar and the count of days in a row reach back as far as the journal does, not its newest 100.
 */
export async function entryMoods(client: HaruClient): Promise<DayMood[]> {
  const byDay = new Map<string, string>();
  for (const thread of await threadsOfKind(client, 'entry')) {
    const { day, mood } = thread.metadata;
    // Newest first: a day's newest tagged entry wins.
    if (day && mood && !byDay.has(day)) byDay.set(day, mood);
  }
  return [...byDay].map(([day, mood]) => ({ day, mood }));
}

/**
 * Every entry, newest first, for exporting the whole journal (days without an entry are left out): the
 * entry threads a page at a time, then each day's entry, a few at once. A year of days asked for all at
 * once ran into the gateway's request rate and never finished.
 */
export async function allEntries(client: HaruClient, todayKey: string): Promise<JournalEntry[]> {
  const threadsByDay = new Map<string, Thread[]>();
  for (const thread of await threadsOfKind(client, 'entry')) {
    const day = thread.metadata.day;
    // Newest first, as listed: a day's newest entry thread is read first.
    if (day && day < todayKey) threadsByDay.set(day, [...(threadsByDay.get(day) ?? []), thread]);
  }
  const reading = concurrencyLimit(4);
  const entries = await Promise.all(
    [...threadsByDay.keys()]
      .sort()
      .reverse()
      .map((day) => reading(() => firstEntryOf(client, threadsByDay.get(day) ?? []))),
  );
  return entries.flatMap((entry) => (entry ? [{ day: entry.day, text: entry.text, mood: entry.mood }] : []));
}

async function firstEntryOf(client: HaruClient, entryThreads: Thread[]): Promise<StoredEntry | undefined> {
  for (const thread of entryThreads) {
    const entry = await readEntry(client, thread);
    if (entry) return entry;
  }
  return undefined;
}
