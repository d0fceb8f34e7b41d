import { z } from '@hono/zod-openapi';
import { LastError, listOf, Metadata, Usage } from './common.ts';

export const RunStep = z
  .object({
    id: z.string().openapi({ example: 'step_abc123' }),
    object: z.literal('thread.run.step'),
    created_at: z.int(),
    assistant_id: z.string(),
    thread_id: z.string(),
    run_id: z.string(),
    type: z.literal('message_creation'),
    status: z.enum(['in_progress', 'cancelled', 'failed', 'completed', 'expired']),
    step_details: z.object({
      type: z.literal('message_creation'),
      message_creation: z.object({ message_id: z.string() }),
    }),
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

export function newMessageCreationStep(
  id: string,
  createdAt: number,
  run: { id: string; thread_id: string; assistant_id: string },
  messageId: string,
): RunStep {
  return {
    id,
    object: 'thread.run.step',
    created_at: createdAt,
    assistant_id: run.assistant_id,
    thread_id: run.thread_id,
    run_id: run.id,
    type: 'message_creation',
    status: 'in_progress',
    step_details: { type: 'message_creation', message_creation: { message_id: messageId } },
    last_error: null,
    expired_at: null,
    cancelled_at: null,
    failed_at: null,
    completed_at: null,
    metadata: {},
    usage: null,
  };
}
