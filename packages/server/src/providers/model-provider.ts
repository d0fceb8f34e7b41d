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
  responseFormat?: 'text' | 'json_object' | undefined;
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
  | { type: 'error'; code: StreamErrorCode; message: string };
