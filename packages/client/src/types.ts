/** The Assistants API v2 objects the client reads, as the gateway (and OpenAI) send them. */

export type Metadata = Record<string, string>;

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export interface Assistant {
  id: string;
  object: 'assistant';
  created_at: number;
  name: string | null;
  description: string | null;
  model: string;
  instructions: string | null;
  metadata: Metadata;
}

export interface Thread {
  id: string;
  object: 'thread';
  created_at: number;
  metadata: Metadata;
}

export interface TextContent {
  type: 'text';
  text: { value: string; annotations: unknown[] };
}

export type MessageContent = TextContent | { type: string; [field: string]: unknown };

export interface Message {
  id: string;
  object: 'thread.message';
  created_at: number;
  thread_id: string;
  status: 'in_progress' | 'incomplete' | 'completed';
  incomplete_details: { reason: string } | null;
  completed_at: number | null;
  incomplete_at: number | null;
  role: 'user' | 'assistant';
  content: MessageContent[];
  assistant_id: string | null;
  run_id: string | null;
  metadata: Metadata;
}

export type RunStatus =
  | 'queued'
  | 'in_progress'
  | 'requires_action'
  | 'cancelling'
  | 'cancelled'
  | 'failed'
  | 'completed'
  | 'incomplete'
  | 'expired';

export const terminalRunStatuses: readonly RunStatus[] = [
  'cancelled',
  'failed',
  'completed',
  'incomplete',
  'expired',
];

export interface Run {
  id: string;
  object: 'thread.run';
  created_at: number;
  thread_id: string;
  assistant_id: string;
  status: RunStatus;
  last_error: { code: string; message: string } | null;
  started_at: number | null;
  completed_at: number | null;
  cancelled_at: number | null;
  failed_at: number | null;
  model: string;
  instructions: string;
  metadata: Metadata;
  usage: Usage | null;
  expires_at: number | null;
  tools: FunctionToolDefinition[];
  /** Set while the run waits in `requires_action` for the outputs of these calls. */
  required_action: {
    type: 'submit_tool_outputs';
    submit_tool_outputs: {
      tool_calls: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }>;
    };
  } | null;
}

export interface FunctionToolDefinition {
  type: 'function';
  function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean };
}

/** The output of one function call, for `submitToolOutputs`. */
export interface ToolOutput {
  tool_call_id: string;
  output: string;
}

export interface ToolCall {
  id?: string;
  type: string;
  function?: { name?: string; arguments?: string; output?: string | null };
  [field: string]: unknown;
}

export interface RunStep {
  id: string;
  object: 'thread.run.step';
  created_at: number;
  run_id: string;
  thread_id: string;
  type: 'message_creation' | 'tool_calls';
  status: 'in_progress' | 'cancelled' | 'failed' | 'completed' | 'expired';
  step_details:
    | { type: 'message_creation'; message_creation: { message_id: string } }
    | { type: 'tool_calls'; tool_calls: ToolCall[] };
  last_error: { code: string; message: string } | null;
  usage: Usage | null;
}

export interface MessageDelta {
  id: string;
  object: 'thread.message.delta';
  delta: {
    role?: 'user' | 'assistant';
    content?: Array<{ index: number; type: string; text?: { value?: string; annotations?: unknown[] } }>;
  };
}

export interface RunStepDelta {
  id: string;
  object: 'thread.run.step.delta';
  delta: { step_details?: { type: string; tool_calls?: Array<ToolCall & { index: number }> } };
}

export interface Page<T> {
  object: 'list';
  data: T[];
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

export interface ListParams {
  limit?: number;
  order?: 'asc' | 'desc';
  after?: string;
  before?: string;
}

/** Options for a create call. */
export interface CreateOptions {
  /**
   * The same key on every attempt at one object (a retry after a dropped answer) makes the server
   * create it once and answer each repeat with it. Without one, each call gets a fresh key.
   */
  idempotencyKey?: string;
}

export interface NewMessage {
  role: 'user' | 'assistant';
  content: string;
  metadata?: Metadata;
}

export interface RunParams {
  assistant_id: string;
  model?: string;
  instructions?: string;
  additional_instructions?: string;
  additional_messages?: NewMessage[];
  temperature?: number;
  top_p?: number;
  max_completion_tokens?: number;
  /** How hard a reasoning model thinks before it answers; other models ignore it. */
  reasoning_effort?: 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | 'max';
  metadata?: Metadata;
  tools?: FunctionToolDefinition[];
  tool_choice?: 'none' | 'auto' | 'required' | { type: 'function'; function: { name: string } };
  parallel_tool_calls?: boolean;
}

/** A stream event as the gateway sends it: OpenAI's event name, its parsed payload and its SSE id. */
export type RunStreamEvent = (
  | { event: 'thread.created'; data: Thread }
  | { event: `thread.run.${RunStatus | 'created'}`; data: Run }
  | { event: 'thread.run.step.delta'; data: RunStepDelta }
  | {
      event: `thread.run.step.${'created' | 'in_progress' | 'completed' | 'failed' | 'cancelled' | 'expired'}`;
      data: RunStep;
    }
  | { event: 'thread.message.delta'; data: MessageDelta }
  | { event: `thread.message.${'created' | 'in_progress' | 'completed' | 'incomplete'}`; data: Message }
  | { event: 'error'; data: { message: string; code?: string | null; type?: string } }
  | { event: 'done'; data: '[DONE]' }
) & {
  /** The event's place in its run, counting up by one from 1; absent where a server does not number events. */
  id?: string;
};
