import type { ReasoningEffort, ResponseFormat } from '../schemas/common.ts';

/** What every model backend speaks; the run engine knows nothing else about a backend. */
export interface ModelProvider {
  /** Shown in reply metadata and logs, so a person can tell which backend wrote a reply. */
  readonly name: string;
  stream(request: GenerateRequest): AsyncIterable<StreamPart>;
  /** The backend that answers `model`, when one provider routes to several; `name` otherwise. */
  backendName?(model: string): string;
  /** How many tokens `model` reads at most (prompt and reply together), when known. */
  contextWindow?(model: string): number | undefined;
  /** `text` counted with `model`'s own tokenizer, when the backend has it; otherwise estimate. */
  countTokens?(model: string, text: string): Promise<number | undefined>;
}

export interface GenerateRequest {
  model: string;
  messages: ChatMessage[];
  temperature?: number | undefined;
  topP?: number | undefined;
  maxTokens?: number | undefined;
  reasoningEffort?: ReasoningEffort | undefined;
  /** Chat Completions' `response_format`; absent for plain text. */
  responseFormat?: Exclude<ResponseFormat, 'auto' | { type: 'text' }> | undefined;
  /** Function tools the model may call; absent or empty when the run has none. */
  tools?: FunctionTool[] | undefined;
  toolChoice?: ToolChoice | undefined;
  /** False asks the backend for at most one call per turn. */
  parallelToolCalls?: boolean | undefined;
  signal: AbortSignal;
}

export interface FunctionTool {
  name: string;
  description?: string | undefined;
  /** A JSON Schema object for the call's arguments. */
  parameters?: Record<string, unknown> | undefined;
  strict?: boolean | undefined;
}

export type ToolChoice = 'auto' | 'none' | 'required' | { type: 'function'; name: string };

/** A call the model made: `arguments` is the JSON text exactly as the model wrote it. */
export interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

export type ChatMessage =
  | { role: 'system' | 'user'; content: string }
  /** An assistant turn; `toolCalls` when it called functions (its `content` may then be empty). */
  | { role: 'assistant'; content: string; toolCalls?: ToolCall[] | undefined }
  /** The output the app submitted for one call. */
  | { role: 'tool'; toolCallId: string; content: string };

export type FinishReason = 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'other';

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

export type StreamErrorCode = 'server_error' | 'rate_limit_exceeded' | 'invalid_prompt';

export type StreamPart =
  | { type: 'text-delta'; text: string }
  /** A function call begins; its id is unique within the run (the backend's, or one the provider made). */
  | { type: 'tool-call-start'; id: string; name: string }
  /** More of a started call's JSON arguments, in order, exactly as the model streamed them. */
  | { type: 'tool-call-delta'; id: string; argumentsDelta: string }
  | { type: 'finish'; reason: FinishReason; usage: TokenUsage | undefined }
  /** `message` is shown to the app's users; `detail` (upstream text, hosts) only goes to the server log. */
  | { type: 'error'; code: StreamErrorCode; message: string; detail?: string };
