import { z } from '@hono/zod-openapi';
import type { Assistant } from './assistant.ts';
import {
  LastError,
  listOf,
  Metadata,
  ReasoningEffort,
  ResponseFormat,
  Temperature,
  ToolResources,
  Tools,
  TopP,
  Usage,
} from './common.ts';
import { CreateMessageRequest } from './message.ts';
import { CreateThreadRequest } from './thread.ts';

export const ToolCall = z.object({
  id: z.string(),
  type: z.literal('function'),
  function: z.object({ name: z.string(), arguments: z.string() }),
});

export type ToolCall = z.infer<typeof ToolCall>;

export const RequiredAction = z.object({
  type: z.literal('submit_tool_outputs'),
  submit_tool_outputs: z.object({ tool_calls: z.array(ToolCall) }),
});

export const ToolChoice = z.union([
  z.enum(['none', 'auto', 'required']),
  z.object({ type: z.literal('function'), function: z.object({ name: z.string() }) }),
]);

export type ToolChoice = z.infer<typeof ToolChoice>;

export const ToolOutput = z.object({
  tool_call_id: z.string().min(1).max(128),
  /** Optional, as in OpenAI's schema: a function that returns nothing. */
  output: z.string().max(256_000).optional().default(''),
});

export const SubmitToolOutputsRequest = z
  .object({ tool_outputs: z.array(ToolOutput).min(1).max(128), stream: z.boolean().nullable().optional() })
  .openapi('SubmitToolOutputsRunRequest');

export type SubmitToolOutputsRequest = z.infer<typeof SubmitToolOutputsRequest>;

export const activeRunStatuses = ['queued', 'in_progress', 'requires_action', 'cancelling'] as const;

export const Run = z
  .object({
    id: z.string().openapi({ example: 'run_abc123' }),
    object: z.literal('thread.run'),
    created_at: z.int(),
    thread_id: z.string(),
    assistant_id: z.string(),
    status: z.enum([
      'queued',
      'in_progress',
      'requires_action',
      'cancelling',
      'cancelled',
      'failed',
      'completed',
      'incomplete',
      'expired',
    ]),
    required_action: RequiredAction.nullable(),
    last_error: LastError.nullable(),
    expires_at: z.int().nullable(),
    started_at: z.int().nullable(),
    cancelled_at: z.int().nullable(),
    failed_at: z.int().nullable(),
    completed_at: z.int().nullable(),
    incomplete_details: z
      .object({ reason: z.enum(['max_completion_tokens', 'max_prompt_tokens']) })
      .nullable(),
    model: z.string(),
    instructions: z.string(),
    tools: z.array(z.record(z.string(), z.unknown())),
    metadata: Metadata,
    usage: Usage.nullable(),
    temperature: z.number().nullable(),
    top_p: z.number().nullable(),
    max_prompt_tokens: z.int().nullable(),
    max_completion_tokens: z.int().nullable(),
    truncation_strategy: z.object({
      type: z.enum(['auto', 'last_messages']),
      last_messages: z.int().nullable(),
    }),
    tool_choice: ToolChoice,
    parallel_tool_calls: z.boolean(),
    response_format: ResponseFormat,
    /** Null: the model's own default. Runs stored before Haru knew it have none. */
    reasoning_effort: ReasoningEffort.nullable().optional(),
  })
  .openapi('Run');

export type Run = z.infer<typeof Run>;
export type RunStatus = Run['status'];

export const runParameters = {
  assistant_id: z.string().min(1),
  model: z.string().min(1).max(256).nullable().optional(),
  instructions: z.string().max(256_000).nullable().optional(),
  tools: Tools.nullable().optional(),
  metadata: Metadata.nullable().optional(),
  temperature: Temperature.nullable().optional(),
  top_p: TopP.nullable().optional(),
  stream: z.boolean().nullable().optional(),
  // Bounded so that building a prompt never reads more of a thread than any model could take.
  max_prompt_tokens: z.int().min(256).max(2_000_000).nullable().optional(),
  // OpenAI's minimum: fewer leaves no room for a reply worth the name.
  max_completion_tokens: z.int().min(256).nullable().optional(),
  truncation_strategy: z
    .object({ type: z.enum(['auto', 'last_messages']), last_messages: z.int().min(1).nullable().optional() })
    .nullable()
    .optional(),
  tool_choice: ToolChoice.nullable().optional(),
  parallel_tool_calls: z.boolean().optional(),
  response_format: ResponseFormat.nullable().optional(),
  reasoning_effort: ReasoningEffort.nullable().optional(),
};

export const CreateRunRequest = z
  .object({
    ...runParameters,
    additional_instructions: z.string().max(256_000).nullable().optional(),
    additional_messages: z.array(CreateMessageRequest).max(32).nullable().optional(),
  })
  .openapi('CreateRunRequest');

export type CreateRunRequest = z.infer<typeof CreateRunRequest>;

export const CreateThreadAndRunRequest = z
  .object({
    ...runParameters,
    thread: CreateThreadRequest.optional(),
    tool_resources: ToolResources.nullable().optional(),
  })
  .openapi('CreateThreadAndRunRequest');

export type CreateThreadAndRunRequest = z.infer<typeof CreateThreadAndRunRequest>;

export const ModifyRunRequest = z
  .object({ metadata: Metadata.nullable().optional() })
  .openapi('ModifyRunRequest');

export const RunList = listOf(Run, 'RunList');

const runLifetimeSeconds = 600;

type RunParameters = Omit<CreateRunRequest, 'additional_instructions' | 'additional_messages'> & {
  additional_instructions?: string | null | undefined;
};

export function newRun(
  id: string,
  createdAt: number,
  threadId: string,
  assistant: Pick<
    Assistant,
    | 'id'
    | 'model'
    | 'instructions'
    | 'tools'
    | 'temperature'
    | 'top_p'
    | 'response_format'
    | 'reasoning_effort'
  >,
  params: RunParameters,
): Run {
  const baseInstructions = params.instructions ?? assistant.instructions ?? '';
  const instructions = params.additional_instructions
    ? [baseInstructions, params.additional_instructions].filter(Boolean).join('\n\n')
    : baseInstructions;
  return {
    id,
    object: 'thread.run',
    created_at: createdAt,
    thread_id: threadId,
    assistant_id: assistant.id,
    status: 'queued',
    required_action: null,
    last_error: null,
    expires_at: createdAt + runLifetimeSeconds,
    started_at: null,
    cancelled_at: null,
    failed_at: null,
    completed_at: null,
    incomplete_details: null,
    model: params.model ?? assistant.model,
    instructions,
    tools: params.tools ?? assistant.tools,
    metadata: params.metadata ?? {},
    usage: null,
    temperature: params.temperature ?? assistant.temperature ?? 1,
    top_p: params.top_p ?? assistant.top_p ?? 1,
    max_prompt_tokens: params.max_prompt_tokens ?? null,
    max_completion_tokens: params.max_completion_tokens ?? null,
    truncation_strategy: {
      type: params.truncation_strategy?.type ?? 'auto',
      last_messages: params.truncation_strategy?.last_messages ?? null,
    },
    tool_choice: params.tool_choice ?? 'auto',
    parallel_tool_calls: params.parallel_tool_calls ?? true,
    response_format: params.response_format ?? assistant.response_format,
    reasoning_effort: params.reasoning_effort ?? assistant.reasoning_effort ?? null,
  };
}
