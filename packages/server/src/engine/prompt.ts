import type { ChatMessage } from '../providers/model-provider.ts';
import { estimateTokens } from '../providers/token-estimate.ts';
import { contentText, type Message } from '../schemas/message.ts';
import type { Run } from '../schemas/run.ts';

/** Without `max_prompt_tokens`, long threads are still trimmed so they keep fitting common context windows. */
export const defaultPromptTokenBudget = 100_000;

export interface PromptPlan {
  messages: ChatMessage[];
  estimatedTokens: number;
  /** False when even the instructions and the newest message exceed the budget. */
  fits: boolean;
}

/**
 * The assistant's instructions, then as much of the thread's conversation as the budget allows,
 * dropping the oldest messages first (OpenAI's `auto` truncation) or keeping the last N.
 */
export function planPrompt(run: Run, history: Message[]): PromptPlan {
  const budget = run.max_prompt_tokens ?? defaultPromptTokenBudget;
  const lastMessages = run.truncation_strategy.last_messages;
  const kept =
    run.truncation_strategy.type === 'last_messages' && lastMessages ? history.slice(-lastMessages) : history;
  const system: ChatMessage[] = run.instructions ? [{ role: 'system', content: run.instructions }] : [];
  const conversation = kept
    .map((message): ChatMessage => ({ role: message.role, content: contentText(message.content) }))
    .filter((message) => message.content.length > 0);

  const cost = (message: ChatMessage) => estimateTokens(message.content) + 4;
  let estimatedTokens = [...system, ...conversation].reduce((sum, message) => sum + cost(message), 0);
  let first = 0;
  while (estimatedTokens > budget && first < conversation.length - 1) {
    estimatedTokens -= cost(conversation[first] as ChatMessage);
    first++;
  }
  return {
    messages: [...system, ...conversation.slice(first)],
    estimatedTokens,
    fits: estimatedTokens <= budget,
  };
}
