import type { ResponseFormat } from '../schemas/common.ts';

/** What every model backend speaks; the run engine knows nothing else about a backend. */
export interface ModelProvider {
  /** Shown in reply metadata and logs, so a person can tell which backend wrote a reply. */
  readonly name: string;
  stream(request: GenerateRequest): AsyncIterable<StreamPart>;
}

export interface GenerateRequest {
  model: string;
  messages: ChatMessage[];
  temperature?: number | undefined;
  topP?: number | undefined;
  maxTokens?: number | undefined;
  /** Chat Completions' `response_format`; absent for plain text. */
  responseFormat?: Exclude<ResponseFormat, 'auto' | { type: 'text' }> | undefined;
  signal: AbortSignal;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export type FinishReason = 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'other';

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

export type StreamErrorCode = 'server_error' | 'rate_limit_exceeded' | 'invalid_prompt';

export type StreamPart =
  | { type: 'text-delta'; text: string }
  | { type: 'finish'; reason: FinishReason; usage: TokenUsage | undefined }
  /** `message` is shown to the app's users; `detail` (upstream text, hosts) only goes to the server log. */
  | { type: 'error'; code: StreamErrorCode; message: string; detail?: string };
