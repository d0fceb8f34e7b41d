import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ChatMessage } from '../providers/model-provider.ts';
import { countTokensLikeOpenAI } from '../providers/openai-tokenizer.ts';
import { estimateTokens } from '../providers/token-estimate.ts';
import { contentText } from '../schemas/message.ts';
import type { Run } from '../schemas/run.ts';
import type { Stores } from '../storage/stores.ts';
import { createThreadMessageCache, type ThreadMessageCache } from './thread-message-cache.ts';

/** Without `max_prompt_tokens`, long threads are still trimmed so they keep fitting common context windows. */
export const defaultPromptTokenBudget = 100_000;

/** Each message costs a few tokens beyond its text for its role and separators. */
const perMessageTokens = 4;
const pageSize = 64;
/** A day's conversation fits in a turn of the event loop; a long thread gives others a turn this often. */
const pagesPerTurn = 16;
/**
 * Stored sizes are quick estimates; a prompt estimated past this share of its budget is counted
 * exactly, so the cut falls where real tokens say. (Estimates can be several times low for emoji.)
 */
const exactCountShare = 0.25;
/**
 * Past this many estimated tokens a prompt keeps its estimate: counting it exactly would cost every run
 * on a long thread a second of CPU. Small windows (a local model's, a tight `max_prompt_tokens`), where
 * a miscount matters most, are counted.
 */
const exactCountMaxTokens = 16_000;
/** Exact counting gives other requests a turn at least this often. */
const countSliceMs = 5;
/** What a prompt leaves of a model's context window for the reply, when the run sets no limit. */
const replyReserveTokens = 4096;

export interface PromptOptions {
  /** The run goes on after function outputs: its own turns so far go in too. */
  continuing?: boolean;
  /** The model's context window, when the backend knows it. */
  contextWindow?: number | undefined;
  /** The model's own token count; OpenAI's tokenizer otherwise. */
  countTokens?: ((text: string) => Promise<number>) | undefined;
  /** Messages earlier runs read, so a run reads only what is new in the thread. */
  cache?: ThreadMessageCache;
}

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
export async function planPrompt(
  stores: Stores,
  userId: string,
  run: Run,
  options: PromptOptions = {},
): Promise<PromptPlan> {
  return (await plan(stores, userId, run, options, 'may-yield')) as PromptPlan;
}

/**
 * The same plan, made without giving the event loop up, or undefined when the thread needs more than
 * that (more than `pagesPerTurn` pages of messages, or counting tokens exactly): a run can then be
 * planned inside the transaction that stores it, and its model called before the commit.
 */
export const planPromptAtOnce = (stores: Stores, userId: string, run: Run, options: PromptOptions = {}) =>
  plan(stores, userId, run, options, 'at-once');

async function plan(
  stores: Stores,
  userId: string,
  run: Run,
  options: PromptOptions,
  pace: 'may-yield' | 'at-once',
): Promise<PromptPlan | undefined> {
  // A run going on after function outputs carries its own turns so far; they always go in.
  const turns = options.continuing ? await runTurns(stores, userId, run) : [];
  const budget = promptBudget(run, options.contextWindow);
  const lastMessages =
    run.truncation_strategy.type === 'last_messages'
      ? (run.truncation_strategy.last_messages ?? Infinity)
      : Infinity;
  const system: ChatMessage[] = run.instructions ? [{ role: 'system', content: run.instructions }] : [];
  let used = run.instructions ? estimateTokens(run.instructions) + perMessageTokens : 0;
  for (const turn of turns) used += estimateTokens(chatText(turn)) + perMessageTokens;

  const keptNewestFirst: number[] = [];
  let full = false;
  let before = Number.MAX_SAFE_INTEGER;
  let pagesThisTurn = 0;
  while (!full && keptNewestFirst.length < lastMessages) {
    const sizes = await stores.messages.sizesNewestFirst(userId, run.thread_id, run.id, before, pageSize);
    for (const { seq, tokens } of sizes) {
      const cost = tokens + perMessageTokens;
      if (used + cost > budget || keptNewestFirst.length >= lastMessages) {
        full = true;
        break;
      }
      used += cost;
      keptNewestFirst.push(seq);
    }
    if (sizes.length < pageSize) break;
    before = sizes.at(-1)?.seq ?? 0;
    if (++pagesThisTurn < pagesPerTurn) continue;
    if (pace === 'at-once') return undefined;
    // Let other requests in between pages of a long thread.
    await nextTurn();
    pagesThisTurn = 0;
  }

  const countExactly = used > budget * exactCountShare && used <= exactCountMaxTokens;
  if (countExactly && pace === 'at-once') return undefined;
  const cache = options.cache ?? createThreadMessageCache();
  const stored = await cache.messages(userId, run.thread_id, keptNewestFirst.reverse(), async (from, to) =>
    (await stores.messages.range(userId, run.thread_id, from, to)).map(({ seq, message }) => ({
      seq,
      message: { role: message.role, content: contentText(message.content) },
    })),
  );
  const conversation = stored.filter((message) => message.content.length > 0);
  if (countExactly) {
    return countedExactly(system, conversation, turns, budget, options.countTokens ?? countTokensLikeOpenAI);
  }
  return {
    messages: [...system, ...conversation, ...turns],
    estimatedTokens: used,
    fits: used <= budget && (conversation.length > 0 || !full),
  };
}

/** `max_prompt_tokens`, or what the model's context window leaves for the prompt, whichever is less. */
function promptBudget(run: Run, contextWindow: number | undefined): number {
  const asked = run.max_prompt_tokens ?? defaultPromptTokenBudget;
  if (!contextWindow) return asked;
  const reserve = run.max_completion_tokens ?? Math.min(replyReserveTokens, Math.floor(contextWindow / 4));
  return Math.max(1, Math.min(asked, contextWindow - reserve));
}

/** The planned prompt counted token by token, its oldest messages dropped until it fits the budget. */
async function countedExactly(
  system: ChatMessage[],
  conversation: ChatMessage[],
  turns: ChatMessage[],
  budget: number,
  count: (text: string) => Promise<number>,
): Promise<PromptPlan> {
  let sliceStarted = performance.now();
  const costOf = async (message: ChatMessage) => {
    if (performance.now() - sliceStarted > countSliceMs) {
      await nextTurn();
      sliceStarted = performance.now();
    }
    return (await count(chatText(message))) + perMessageTokens;
  };
  let total = 0;
  for (const message of [...system, ...turns]) total += await costOf(message);
  const costs: number[] = [];
  for (const message of conversation) {
    const cost = await costOf(message);
    costs.push(cost);
    total += cost;
  }
  let dropped = 0;
  while (total > budget && dropped < conversation.length - 1) total -= costs[dropped++] ?? 0;
  return {
    messages: [...system, ...conversation.slice(dropped), ...turns],
    estimatedTokens: total,
    fits: total <= budget,
  };
}

/** What the run said and called so far, with the outputs the app submitted, in the backends' terms. */
async function runTurns(stores: Stores, userId: string, run: Run): Promise<ChatMessage[]> {
  const steps = (await stores.steps.list(userId, { limit: 100, order: 'asc' }, { run_id: run.id })).data;
  const turns: ChatMessage[] = [];
  for (const step of steps) {
    if (step.step_details.type === 'message_creation') {
      const message = await stores.messages.find(userId, step.step_details.message_creation.message_id);
      const content = message ? contentText(message.content) : '';
      if (content) turns.push({ role: 'assistant', content });
      continue;
    }
    const calls = step.step_details.tool_calls;
    const last = turns.at(-1);
    const toolCalls = calls.map(({ id, function: { name, arguments: args } }) => ({
      id,
      name,
      arguments: args,
    }));
    // A reply and the calls that followed it are one assistant turn for the model.
    if (last?.role === 'assistant' && !last.toolCalls) last.toolCalls = toolCalls;
    else turns.push({ role: 'assistant', content: '', toolCalls });
    for (const call of calls) {
      turns.push({ role: 'tool', toolCallId: call.id, content: call.function.output ?? '' });
    }
  }
  return turns;
}

function chatText(message: ChatMessage): string {
  if (message.role !== 'assistant' || !message.toolCalls) return message.content;
  return message.content + message.toolCalls.map((call) => call.name + call.arguments).join('');
}
