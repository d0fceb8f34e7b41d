import type { FinishReason } from './model-provider.ts';

/** Chat Completions' `finish_reason` in the provider contract's terms. */
export function finishReasonFromChatCompletions(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    case 'content_filter':
      return 'content-filter';
    case 'tool_calls':
    case 'function_call':
      return 'tool-calls';
    default:
      return 'other';
  }
}
