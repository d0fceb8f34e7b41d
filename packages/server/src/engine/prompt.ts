import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ChatMessage } from '../providers/model-provider.ts';
import { estimateTokens } from '../providers/token-estimate.ts';
import { contentText } from '../schemas/message.ts';
import type { Run } from '../schemas/run.ts';
import type { Stores } from '../storage/stores.ts';

/** Without `max_prompt_tokens`, long threads are still trimmed so they keep fitting common context windows. */
export const defaultPromptTokenBudget = 100_000;

/** Each message costs a few tokens beyond its text for its role and separators. */
const perMessageTokens = 4;
const pageSize = 64;

export interface PromptPlan {
  messages: ChatMessage[];
  estimatedTokens: number;
  /** False when even the instructions and the newest message exceed the budget. */
  fits: boolean;
}

/**
 * The run's instructions, then as much of the thread as the budget allows, newest first from the
 * thread's index and stopping at the budget (OpenAI's `auto` truncation), or the last N messages.
 * Work grows with what goes into the prompt, never with the length of the thread.
 */
export async function planPrompt(stores: Stores, userId: string, run: Run): Promise<PromptPlan> {
  const budget = run.max_prompt_tokens ?? defaultPromptTokenBudget;
  const lastMessages =
    run.truncation_strategy.type === 'last_messages'
      ? (run.truncation_strategy.last_messages ?? Infinity)
      : Infinity;
  const system: ChatMessage[] = run.instructions ? [{ role: 'system', content: run.instructions }] : [];
  let used = run.instructions ? estimateTokens(run.instructions) + perMessageTokens : 0;

  let oldestKept: number | undefined;
  let newestKept: number | undefined;
  let kept = 0;
  let full = false;
  let before = Number.MAX_SAFE_INTEGER;
  while (!full && kept < lastMessages) {
    const sizes = await stores.messages.sizesNewestFirst(userId, run.thread_id, run.id, before, pageSize);
    for (const { seq, tokens } of sizes) {
      const cost = tokens + perMessageTokens;
      if (used + cost > budget || kept >= lastMessages) {
        full = true;
        break;
      }
      used += cost;
      kept++;
      newestKept ??= seq;
      oldestKept = seq;
    }
    if (sizes.length < pageSize) break;
    before = sizes.at(-1)?.seq ?? 0;
    // Let other requests in between pages of a long thread.
    await nextTurn();
  }

  const stored =
    oldestKept === undefined || newestKept === undefined
      ? []
      : await stores.messages.range(userId, run.thread_id, oldestKept, newestKept);
  const conversation = stored
    .map((message): ChatMessage => ({ role: message.role, content: contentText(message.content) }))
    .filter((message) => message.content.length > 0);
  return {
    messages: [...system, ...conversation],
    estimatedTokens: used,
    fits: used <= budget && (conversation.length > 0 || !full),
  };
}
