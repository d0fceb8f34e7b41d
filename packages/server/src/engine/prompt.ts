import type { ChatMessage } from '../providers/model-provider.ts';
import { contentText, type Message } from '../schemas/message.ts';
import type { Run } from '../schemas/run.ts';

/** The assistant's instructions, then the thread's conversation, as chat messages for a model. */
export function buildPrompt(run: Run, history: Message[]): ChatMessage[] {
  const lastMessages = run.truncation_strategy.last_messages;
  const kept =
    run.truncation_strategy.type === 'last_messages' && lastMessages ? history.slice(-lastMessages) : history;
  const conversation = kept
    .map((message): ChatMessage => ({ role: message.role, content: contentText(message.content) }))
    .filter((message) => message.content.length > 0);
  return run.instructions ? [{ role: 'system', content: run.instructions }, ...conversation] : conversation;
}
