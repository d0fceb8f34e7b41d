import { z } from '@hono/zod-openapi';
import { LastError, listOf, Metadata, Usage } from './common.ts';

export const StepToolCall = z.object({
  id: z.string(),
  type: z.literal('function'),
  function: z.object({ name: z.string(), arguments: z.string(), output: z.string().nullable() }),
});

export type StepToolCall = z.infer<typeof StepToolCall>;

const MessageCreationDetails = z.object({
  type: z.literal('message_creation'),
  message_creation: z.object({ message_id: z.string() }),
});

const ToolCallsDetails = z.object({ type: z.literal('tool_calls'), tool_calls: z.array(StepToolCall) });

export const RunStep = z
  .object({
    id: z.string().openapi({ example: 'step_abc123' }),
    object: z.literal('thread.run.step'),
    created_at: z.int(),
    assistant_id: z.string(),
    thread_id: z.string(),
    run_id: z.string(),
    type: z.enum(['message_creation', 'tool_calls']),
    status: z.enum(['in_progress', 'cancelled', 'failed', 'completed', 'expired']),
    step_details: z.discriminatedUnion('type', [MessageCreationDetails, ToolCallsDetails]),
    last_error: LastError.nullable(),
    expired_at: z.int().nullable(),
    cancelled_at: z.int().nullable(),
    failed_at: z.int().nullable(),
    completed_at: z.int().nullable(),
    metadata: Metadata,
    usage: Usage.nullable(),
  })
  .openapi('RunStep');

export type RunStep = z.infer<typeof RunStep>;

export const RunStepList = listOf(RunStep, 'RunStepList');

/**
 * A step as clients see it: usage null until it ends, as OpenAI's. A `tool_calls` step waiting for
 * outputs keeps its turn's usage stored meanwhile, so a restart before the outputs come still counts it.
 */
export const servedStep = (step: RunStep): RunStep =>
  step.status === 'in_progress' && step.usage !== null ? { ...step, usage: null } : step;

type StepOwner = { id: string; thread_id: string; assistant_id: string };

function newStep(id: string, createdAt: number, run: StepOwner, details: RunStep['step_details']): RunStep {
  return {
    id,
    object: 'thread.run.step',
    created_at: createdAt,
    assistant_id: run.assistant_id,
    thread_id: run.thread_id,
    run_id: run.id,
    type: details.type,
    status: 'in_progress',
    step_details: details,
    last_error: null,
    expired_at: null,
    cancelled_at: null,
    failed_at: null,
    completed_at: null,
    metadata: {},
    usage: null,
  };
}

export const newMessageCreationStep = (id: string, createdAt: number, run: StepOwner, messageId: string) =>
  newStep(id, createdAt, run, { type: 'message_creation', message_creation: { message_id: messageId } });

export const newToolCallsStep = (id: string, createdAt: number, run: StepOwner) =>
  newStep(id, createdAt, run, { type: 'tool_calls', tool_calls: [] });

/** The calls of a tool-calls step; none for a message-creation step. */
export const stepToolCalls = (step: RunStep | undefined): StepToolCall[] =>
  step?.step_details.type === 'tool_calls' ? step.step_details.tool_calls : [];
