import { EventSourceParserStream } from 'eventsource-parser/stream';
import { finishReasonFromChatCompletions } from './finish-reason.ts';
import type {
  GenerateRequest,
  ModelProvider,
  StreamErrorCode,
  StreamPart,
  TokenUsage,
} from './model-provider.ts';

export interface OpenAICompatibleOptions {
  baseURL: string;
  apiKey: string;
  fetch?: typeof globalThis.fetch;
}

interface ChatCompletionChunk {
  choices?: Array<{ delta?: { content?: string | null }; finish_reason?: string | null }>;
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
  error?: { message?: string };
}

/** Any server speaking OpenAI's streaming Chat Completions: OpenAI, Ollama, vLLM, llama.cpp, LM Studio. */
export function openAICompatibleProvider(options: OpenAICompatibleOptions): ModelProvider {
  const fetchUpstream = options.fetch ?? globalThis.fetch;
  const endpoint = `${options.baseURL.replace(/\/+$/, '')}/chat/completions`;
  const host = new URL(endpoint).host;

  return {
    name: 'openai-compatible',
    async *stream(request: GenerateRequest): AsyncGenerator<StreamPart> {
      let response: Response;
      try {
        response = await fetchUpstream(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${options.apiKey}` },
          body: JSON.stringify(requestBody(request)),
          signal: request.signal,
        });
      } catch (error) {
        if (request.signal.aborted) return;
        yield {
          type: 'error',
          code: 'server_error',
          message: 'Could not reach the model server.',
          detail: `${host}: ${describe(error)}`,
        };
        return;
      }
      if (!response.ok || !response.body) {
        const code = errorCodeForStatus(response.status);
        yield {
          type: 'error',
          code,
          message: userMessageForStatus(response.status),
          detail: await upstreamErrorText(response),
        };
        return;
      }

      let finishReason: string | null | undefined;
      let usage: TokenUsage | undefined;
      const events = response.body
        .pipeThrough(new TextDecoderStream())
        .pipeThrough(new EventSourceParserStream());
      try {
        for await (const event of events) {
          if (event.data === '[DONE]') break;
          const chunk = JSON.parse(event.data) as ChatCompletionChunk;
          if (chunk.error) {
            yield {
              type: 'error',
              code: 'server_error',
              message: `The model server failed: ${chunk.error.message ?? 'unknown error'}`,
            };
            return;
          }
          const choice = chunk.choices?.[0];
          const text = choice?.delta?.content;
          if (text) yield { type: 'text-delta', text };
          if (choice?.finish_reason) finishReason = choice.finish_reason;
          if (chunk.usage) {
            usage = {
              promptTokens: chunk.usage.prompt_tokens ?? 0,
              completionTokens: chunk.usage.completion_tokens ?? 0,
            };
          }
        }
      } catch (error) {
        if (request.signal.aborted) return;
        yield {
          type: 'error',
          code: 'server_error',
          message: `The model stream broke off: ${describe(error)}`,
        };
        return;
      }
      if (finishReason === undefined) {
        yield {
          type: 'error',
          code: 'server_error',
          message: 'The model server ended the stream before finishing the reply.',
        };
        return;
      }
      yield { type: 'finish', reason: finishReasonFromChatCompletions(finishReason), usage };
    },
  };
}

function requestBody(request: GenerateRequest) {
  return {
    model: request.model,
    messages: request.messages,
    stream: true,
    stream_options: { include_usage: true },
    ...(request.temperature !== undefined && { temperature: request.temperature }),
    ...(request.topP !== undefined && { top_p: request.topP }),
    ...(request.maxTokens !== undefined && { max_tokens: request.maxTokens }),
    ...(request.responseFormat && { response_format: request.responseFormat }),
  };
}

function errorCodeForStatus(status: number): StreamErrorCode {
  if (status === 429) return 'rate_limit_exceeded';
  if (status === 400 || status === 404 || status === 413 || status === 422) return 'invalid_prompt';
  return 'server_error';
}

function userMessageForStatus(status: number): string {
  if (status === 429) return 'The model server is rate limiting requests (429); try again shortly.';
  if (status === 401 || status === 403) return `The gateway's model server key was refused (${status}).`;
  if (status >= 500) return `The model server is unavailable (${status}).`;
  return `The model server rejected the request (${status}).`;
}

async function upstreamErrorText(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    return (JSON.parse(text) as ChatCompletionChunk).error?.message ?? text.slice(0, 500);
  } catch {
    return text.slice(0, 500);
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
