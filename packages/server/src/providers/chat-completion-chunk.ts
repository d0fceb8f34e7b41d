import type { TokenUsage } from './model-provider.ts';

/** One Chat Completions stream chunk, checked: what it adds, an error the upstream reported, or unreadable. */
export type ChunkReading =
  | {
      kind: 'delta';
      text: string | undefined;
      finishReason: string | undefined;
      usage: TokenUsage | undefined;
    }
  | { kind: 'upstream-error'; detail: string }
  | { kind: 'unreadable'; detail: string };

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
    return { kind: 'upstream-error', detail: typeof message === 'string' ? message : data.slice(0, 500) };
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
  return { kind: 'delta', text: text || undefined, finishReason, usage: readUsage(chunk.usage) };
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
