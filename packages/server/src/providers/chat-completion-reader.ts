import { randomUUID } from 'node:crypto';
import { readChatCompletionChunk, type ToolCallDelta } from './chat-completion-chunk.ts';
import { finishReasonFromChatCompletions } from './finish-reason.ts';
import type { StreamPart, TokenUsage } from './model-provider.ts';
import type { PartSink } from './part-queue.ts';
import { type AttemptFailure, errorPart, inStreamFailure } from './upstream-errors.ts';
import type { ExchangeProblem } from './upstream-http.ts';

export interface ChatCompletionReader {
  /** One event's `data` from the stream. */
  data(data: string): void;
  /** The response ended, or stopped early for `problem`. */
  end(problem?: ExchangeProblem): void;
}

export interface ReplySink extends PartSink {
  /**
   * The stream failed before any of the reply, in a way asking again might cure (an error the server
   * reported in the stream, or the connection lost); nothing else reaches the sink after it.
   */
  failBeforeReply(failure: AttemptFailure): void;
}

/**
 * Follows one streamed Chat Completions reply: text becomes text deltas as it comes, and the reply closes
 * with a single finish or error part, after which the rest of the stream is ignored.
 */
export function chatCompletionReader(sink: ReplySink): ChatCompletionReader {
  let finishReason: string | undefined;
  let usage: TokenUsage | undefined;
  let wroteSomething = false;
  // Each call's id by its index: later pieces of a call carry only the index.
  const callIds = new Map<number, string>();
  let closed = false;

  function closeWith(last?: StreamPart) {
    closed = true;
    sink.close(last);
  }

  function failBeforeReply(failure: AttemptFailure) {
    closed = true;
    sink.failBeforeReply(failure);
  }

  function end(problem?: ExchangeProblem) {
    if (closed) return;
    if (problem?.kind === 'cut' && !wroteSomething && finishReason === undefined) {
      failBeforeReply({ part: errorPart('server_error', 'noAnswer', problem.detail), retryable: true });
    } else if (problem?.kind === 'aborted') {
      closeWith();
    } else if (finishReason !== undefined) {
      // Once the finish reason is in, the reply is whole; only the usage figures may be missing.
      closeWith({ type: 'finish', reason: finishReasonFromChatCompletions(finishReason), usage });
    } else {
      const message = problem?.kind === 'silent' && !wroteSomething ? 'noAnswer' : 'stoppedMidway';
      closeWith(
        errorPart('server_error', message, problem?.detail ?? 'the stream ended without a finish_reason'),
      );
    }
  }

  function data(data: string) {
    if (closed) return;
    if (data === '[DONE]') {
      end();
      return;
    }
    const chunk = readChatCompletionChunk(data);
    if (chunk.kind === 'unreadable') {
      closeWith(errorPart('server_error', 'unreadable', chunk.detail));
    } else if (chunk.kind === 'upstream-error') {
      if (wroteSomething) closeWith(errorPart('server_error', 'failedMidway', chunk.detail));
      else failBeforeReply(inStreamFailure(chunk.error, chunk.detail));
    } else {
      if (chunk.text !== undefined) {
        wroteSomething = true;
        sink.push({ type: 'text-delta', text: chunk.text });
      }
      for (const call of chunk.toolCalls ?? []) readToolCall(call);
      if (chunk.finishReason !== undefined) finishReason = chunk.finishReason;
      if (chunk.usage !== undefined) usage = chunk.usage;
    }
  }

  function readToolCall(call: ToolCallDelta) {
    let id = callIds.get(call.index);
    if (id === undefined) {
      // Some servers send no id; the run still needs one the app can answer.
      id = call.id || `call_${randomUUID().replaceAll('-', '').slice(0, 24)}`;
      callIds.set(call.index, id);
      wroteSomething = true;
      sink.push({ type: 'tool-call-start', id, name: call.name ?? '' });
    }
    if (call.arguments) sink.push({ type: 'tool-call-delta', id, argumentsDelta: call.arguments });
  }

  return { data, end };
}
