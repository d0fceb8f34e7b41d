import { z } from '@hono/zod-openapi';
import {
  deletedOf,
  listOf,
  Metadata,
  ReasoningEffort,
  ResponseFormat,
  Temperature,
  ToolResources,
  Tools,
  TopP,
} from './common.ts';

export const Assistant = z
  .object({
    id: z.string().openapi({ example: 'asst_abc123' }),
    object: z.literal('assistant'),
    created_at: z.int(),
    name: z.string().nullable(),
    description: z.string().nullable(),
    model: z.string(),
    instructions: z.string().nullable(),
    tools: z.array(z.record(z.string(), z.unknown())),
    tool_resources: z.record(z.string(), z.unknown()).nullable(),
    metadata: Metadata,
    temperature: z.number().nullable(),
    top_p: z.number().nullable(),
    response_format: ResponseFormat,
    /** Null: the model's own default. Assistants stored before Haru knew it have none. */
    reasoning_effort: ReasoningEffort.nullable().optional(),
  })
  .openapi('Assistant');

export type Assistant = z.infer<typeof Assistant>;

const assistantFields = {
  name: z.string().max(256).nullable().optional(),
  description: z.string().max(512).nullable().optional(),
  instructions: z.string().max(256_000).nullable().optional(),
  tools: Tools.optional(),
  tool_resources: ToolResources.nullable().optional(),
  metadata: Metadata.nullable().optional(),
  temperature: Temperature.nullable().optional(),
  top_p: TopP.nullable().optional(),
  response_format: ResponseFormat.nullable().optional(),
  reasoning_effort: ReasoningEffort.nullable().optional(),
};

export const CreateAssistantRequest = z
  .object({ model: z.string().min(1).max(256).openapi({ example: 'gpt-4o-mini' }), ...assistantFields })
  .openapi('CreateAssistantRequest');

export const ModifyAssistantRequest = z
  .object({ model: z.string().min(1).max(256).optional(), ...assistantFields })
  .openapi('ModifyAssistantRequest');

export const AssistantList = listOf(Assistant, 'AssistantList');
export const AssistantDeleted = deletedOf('assistant.deleted', 'AssistantDeleted');

type AssistantInput = z.infer<typeof ModifyAssistantRequest>;

export function newAssistant(
  id: string,
  createdAt: number,
  input: z.infer<typeof CreateAssistantRequest>,
): Assistant {
  return withAssistantChanges(
    {
      id,
      object: 'assistant',
      created_at: createdAt,
      name: null,
      description: null,
      model: input.model,
      instructions: null,
      tools: [],
      tool_resources: {},
      metadata: {},
      temperature: 1,
      top_p: 1,
      response_format: 'auto',
      reasoning_effort: null,
    },
    input,
  );
}

/** Fields left out keep their value; fields sent as null reset to OpenAI's defaults. */
export function withAssistantChanges(assistant: Assistant, changes: AssistantInput): Assistant {
  const next = { ...assistant };
  if (changes.model !== undefined) next.model = changes.model;
  if (changes.name !== undefined) next.name = changes.name;
  if (changes.description !== undefined) next.description = changes.description;
  if (changes.instructions !== undefined) next.instructions = changes.instructions;
  if (changes.tools !== undefined) next.tools = changes.tools;
  if (changes.metadata !== undefined) next.metadata = changes.metadata ?? {};
  if (changes.temperature !== undefined) next.temperature = changes.temperature ?? 1;
  if (changes.top_p !== undefined) next.top_p = changes.top_p ?? 1;
  if (changes.response_format !== undefined) next.response_format = changes.response_format ?? 'auto';
  if (changes.reasoning_effort !== undefined) next.reasoning_effort = changes.reasoning_effort;
  return next;
}
