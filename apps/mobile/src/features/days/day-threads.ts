import type { HaruClient, Message, Thread } from '@haru/client';

// A day lives on the gateway as threads tagged with `metadata.day`: its conversation
// (`kind: conversation`) and, once written, its diary entry (`kind: entry`).

/** Every thread of one kind (`conversation` or `entry`), newest first. */
export async function threadsOfKind(client: HaruClient, kind: 'conversation' | 'entry'): Promise<Thread[]> {
  const threads: Thread[] = [];
  let after: string | undefined;
  do {
    const page = await client.threads.list({ limit: 100, metadata: { kind }, ...(after && { after }) });
    threads.push(...page.data);
    after = page.has_more ? (page.last_id ?? undefined) : undefined;
  } while (after);
  return threads;
}

/** A thread's messages, oldest first, across as many pages as it takes. */
export async function messagesOf(client: HaruClient, threadId: string): Promise<Message[]> {
  const messages: Message[] = [];
  let after: string | undefined;
  do {
    const page = await client.messages.list(threadId, { order: 'asc', limit: 100, ...(after && { after }) });
    messages.push(...page.data);
    after = page.has_more ? (page.last_id ?? undefined) : undefined;
  } while (after);
  return messages;
}

/** Today's conversation thread, opened with Haru's first question if this is the day's first visit. */
export async function findOrOpenDay(client: HaruClient, day: string, opening: string): Promise<string> {
  const existing = await client.threads.list({ limit: 1, metadata: { day, kind: 'conversation' } });
  if (existing.data[0]) return existing.data[0].id;
  const thread = await client.threads.create({
    metadata: { day, kind: 'conversation' },
    messages: [{ role: 'assistant', content: opening }],
  });
  return thread.id;
}
