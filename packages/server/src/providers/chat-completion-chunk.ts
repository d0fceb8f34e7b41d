import type { TokenUsage } from './model-provider.ts';

/** One Chat Completions stream chunk, checked: what it adds, an error the upstream reported, or unreadable. */
export type ChunkReading =
  | {
      kind: 'delta';
      text: string | undefined;
      toolCalls: ToolCallDelta[] | undefined;
      finishReason: string | undefined;
      usage: TokenUsage | undefined;
    }
  /** `error`: the chunk's error value as sent, for judging whether asking again could help. */
  | { kind: 'upstream-error'; detail: string; error: unknown }
  | { kind: 'unreadable'; detail: string };

/** A piece of one function call: its first piece names it, later ones carry more of its arguments. */
export interface ToolCallDelta {
  /** Which call of the turn this piece belongs to. */
  index: number;
  id: string | undefined;
  name: string | undefined;
  arguments: string | undefined;
}

type JsonObject = Record<string, unknown>;

export function readChatCompletionChunk(data: string): ChunkReading {
  let chunk: unknown;
  try {
    chunk = JSON.parse(data);
  } catch {
    return unreadable('not JSON', data);
  }
  if (!isObject(chunk)) return unreadable('not an object', data);
  if (chunk.error !== undefined && chunk.error !== null) {
    const message = isObject(chunk.error) ? chunk.error.message : chunk.error;
    const detail = typeof message === 'string' ? message : data.slice(0, 500);
    return { kind: 'upstream-error', detail, error: chunk.error };
  }

  const choices = chunk.choices ?? [];
  if (!Array.isArray(choices)) return unreadable('choices is not a list', data);
  const choice: unknown = choices[0] ?? {};
  if (!isObject(choice)) return unreadable('a choice is not an object', data);
  const delta = choice.delta ?? {};
  if (!isObject(delta)) return unreadable('delta is not an object', data);
  const text = delta.content ?? undefined;
  if (text !== undefined && typeof text !== 'string') return unreadable('delta.content is not text', data);
  const finishReason = choice.finish_reason ?? undefined;
  if (finishReason !== undefined && typeof finishReason !== 'string') {
    return unreadable('finish_reason is not text', data);
  }
  const toolCalls = delta.tool_calls ?? undefined;
  if (toolCalls !== undefined && !Array.isArray(toolCalls))
    return unreadable('tool_calls is not a list', data);
  const calls = toolCalls?.map(readToolCallDelta);
  if (calls?.includes(undefined)) return unreadable('a tool call is malformed', data);
  return {
    kind: 'delta',
    text: text || undefined,
    toolCalls: calls as ToolCallDelta[] | undefined,
    finishReason,
    usage: readUsage(chunk.usage),
  };
}

function readToolCallDelta(call: unknown, position: number): ToolCallDelta | undefined {
  if (!isObject(call)) return undefined;
  const fn = call.function ?? {};
  if (!isObject(fn)) return undefined;
  const index = call.index ?? position;
  const id = call.id ?? undefined;
  const name = fn.name ?? undefined;
  const args = fn.arguments ?? undefined;
  if (typeof index !== 'number') return undefined;
  if (id !== undefined && typeof id !== 'string') return undefined;
  if (name !== undefined && typeof name !== 'string') return undefined;
  if (args !== undefined && typeof args !== 'string') return undefined;
  return { index, id, name, arguments: args };
}

/** Usage only feeds the run's token counts, so odd figures count as zero rather than failing the reply. */
function readUsage(usage: unknown): TokenUsage | undefined {
  if (!isObject(usage)) return undefined;
  return { promptTokens: count(usage.prompt_tokens), completionTokens: count(usage.completion_tokens) };
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unreadable(why: string, data: string): ChunkReading {
  return { kind: 'unreadable', detail: `${why}: ${data.slice(0, 200)}` };
}
