import type {
  LanguageModelV4FinishReason,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from '@ai-sdk/provider';
import { aiSdkErrorPart } from './ai-sdk-errors.ts';
import type { FinishReason, StreamPart, TokenUsage } from './model-provider.ts';
import { errorPart } from './upstream-errors.ts';

/**
 * Turns an AI SDK language model's stream parts into ours, one part at a time. Reasoning, sources and
 * calls the vendor ran itself are not part of an Assistants reply, so they are dropped.
 */
export function aiSdkPartReader(): (part: LanguageModelV4StreamPart) => StreamPart[] {
  // Arguments streamed so far per call, so a call that arrives whole is not sent twice.
  const argumentLengths = new Map<string, number>();

  return (part) => {
    switch (part.type) {
      case 'text-delta':
        return part.delta ? [{ type: 'text-delta', text: part.delta }] : [];
      case 'tool-input-start':
        if (part.providerExecuted) return [];
        argumentLengths.set(part.id, 0);
        return [{ type: 'tool-call-start', id: part.id, name: part.toolName }];
      case 'tool-input-delta': {
        const length = argumentLengths.get(part.id);
        if (length === undefined || !part.delta) return [];
        argumentLengths.set(part.id, length + part.delta.length);
        return [{ type: 'tool-call-delta', id: part.id, argumentsDelta: part.delta }];
      }
      case 'tool-call': {
        if (part.providerExecuted) return [];
        const streamed = argumentLengths.get(part.toolCallId);
        if (streamed !== undefined && (streamed > 0 || !part.input)) return [];
        argumentLengths.set(part.toolCallId, part.input.length);
        const start: StreamPart[] =
          streamed === undefined
            ? [{ type: 'tool-call-start', id: part.toolCallId, name: part.toolName }]
            : [];
        return [...start, { type: 'tool-call-delta', id: part.toolCallId, argumentsDelta: part.input }];
      }
      case 'finish':
        if (part.finishReason.unified === 'error') {
          return [
            errorPart('server_error', 'failedMidway', `finish reason ${part.finishReason.raw ?? 'error'}`),
          ];
        }
        return [{ type: 'finish', reason: finishReason(part.finishReason), usage: tokenUsage(part.usage) }];
      case 'error':
        return [aiSdkErrorPart(part.error, 'failedMidway')];
      default:
        return [];
    }
  };
}

function finishReason(reason: LanguageModelV4FinishReason): FinishReason {
  switch (reason.unified) {
    case 'stop':
    case 'length':
    case 'content-filter':
    case 'tool-calls':
      return reason.unified;
    default:
      return 'other';
  }
}

function tokenUsage(usage: LanguageModelV4Usage): TokenUsage | undefined {
  const prompt = usage.inputTokens.total;
  const completion = usage.outputTokens.total;
  if (prompt === undefined && completion === undefined) return undefined;
  return { promptTokens: prompt ?? 0, completionTokens: completion ?? 0 };
}
