import { z } from '@hono/zod-openapi';
import { deletedOf, listOf, Metadata, ToolResources } from './common.ts';
import { CreateMessageRequest } from './message.ts';

export const Thread = z
  .object({
    id: z.string().openapi({ example: 'thread_abc123' }),
    object: z.literal('thread'),
    created_at: z.int(),
    tool_resources: z.record(z.string(), z.unknown()).nullable(),
    metadata: Metadata,
  })
  .openapi('Thread');

export type Thread = z.infer<typeof Thread>;

export const CreateThreadRequest = z
  .object({
    messages: z.array(CreateMessageRequest).max(32).optional(),
    metadata: Metadata.nullable().optional(),
    tool_resources: ToolResources.nullable().optional(),
  })
  .openapi('CreateThreadRequest');

export type CreateThreadRequest = z.infer<typeof CreateThreadRequest>;

export const ModifyThreadRequest = z
  .object({ metadata: Metadata.nullable().optional(), tool_resources: ToolResources.nullable().optional() })
  .openapi('ModifyThreadRequest');

export const ThreadDeleted = deletedOf('thread.deleted', 'ThreadDeleted');
export const ThreadList = listOf(Thread, 'ThreadList');

export function newThread(id: string, createdAt: number, metadata: Metadata | null | undefined): Thread {
  return { id, object: 'thread', created_at: createdAt, tool_resources: {}, metadata: metadata ?? {} };
}
