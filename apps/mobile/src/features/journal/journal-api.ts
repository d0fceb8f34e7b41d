import type { HaruClient, Thread } from '@haru/client';
import { messageText } from '@haru/client';
import type { Language } from '@/i18n/strings';
import { messagesOf } from '../days/day-threads';
import { type DiaryEntry, parseEntry, transcriptOf } from './diary-entry';

/** A day's entry from the newest of its entry threads that holds a finished one (an interrupted write leaves none). */
export async function readDayEntry(
  client: HaruClient,
  entryThreads: Thread[],
): Promise<DiaryEntry | undefined> {
  for (const thread of entryThreads) {
    const entry = await readEntry(client, thread);
    if (entry) return entry;
  }
  return undefined;
}

/** The entry stored in an entry thread: the diarist's reply. */
export async function readEntry(client: HaruClient, entryThread: Thread): Promise<DiaryEntry | undefined> {
  const day = entryThread.metadata.day ?? '';
  const reply = (await messagesOf(client, entryThread.id)).findLast(
    (m) => m.role === 'assistant' && m.status === 'completed',
  );
  return reply ? parseEntry(day, messageText(reply)) : undefined;
}

/**
 * Writes a day's entry in a thread of its own, so the diary never mixes into the conversation:
 * the diarist reads the day's transcript and its reply is the entry. Undefined for a day without a word
 * from the person.
 */
export async function writeEntry(
  client: HaruClient,
  diaristId: string,
  conversation: Thread,
  language: Language,
): Promise<DiaryEntry | undefined> {
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
  if (entry.mood)
    await client.threads.update(thread.id, { metadata: { day, kind: 'entry', mood: entry.mood } });
  return entry;
}
