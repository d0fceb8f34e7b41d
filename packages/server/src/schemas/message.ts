import { z } from '@hono/zod-openapi';
import { deletedOf, listOf, Metadata } from './common.ts';

export const TextContent = z.object({
  type: z.literal('text'),
  text: z.object({ value: z.string(), annotations: z.array(z.unknown()) }),
});

export const Message = z
  .object({
    id: z.string().openapi({ example: 'msg_abc123' }),
    object: z.literal('thread.message'),
    created_at: z.int(),
    thread_id: z.string(),
    status: z.enum(['in_progress', 'incomplete', 'completed']),
    incomplete_details: z
      .object({
        reason: z.enum(['content_filter', 'max_tokens', 'run_cancelled', 'run_expired', 'run_failed']),
      })
      .nullable(),
    completed_at: z.int().nullable(),
    incomplete_at: z.int().nullable(),
    role: z.enum(['user', 'assistant']),
    content: z.array(TextContent),
    assistant_id: z.string().nullable(),
    run_id: z.string().nullable(),
    attachments: z.array(z.unknown()).nullable(),
    metadata: Metadata,
  })
  .openapi('Message');

export type Message = z.infer<typeof Message>;

/** OpenAI's limit on one message's text. */
const maxContentLength = 256_000;
const contentTooLong = `content is at most ${maxContentLength.toLocaleString('en')} characters`;

const TextPart = z.object({
  type: z.literal('text', {
    error:
      'Haru reads text parts only ({"type": "text", "text": "..."}); images and files are not supported yet',
  }),
  text: z.string(),
});

export const MessageContentInput = z
  .union([
    z.string().min(1, 'content must not be empty').max(maxContentLength, contentTooLong),
    z
      .array(TextPart)
      .min(1, 'content must hold at least one text part')
      .refine(
        (parts) => parts.reduce((sum, part) => sum + part.text.length, 0) <= maxContentLength,
        contentTooLong,
      ),
  ])
  .openapi({ description: 'A string, or an array of `{"type": "text", "text": "..."}` parts.' });

export const CreateMessageRequest = z
  .object({
    role: z.enum(['user', 'assistant']),
    content: MessageContentInput,
    attachments: z.array(z.unknown()).max(0, 'Haru does not support attachments yet').nullable().optional(),
    metadata: Metadata.nullable().optional(),
  })
  .openapi('CreateMessageRequest');

export type CreateMessageRequest = z.infer<typeof CreateMessageRequest>;

export const ModifyMessageRequest = z
  .object({ metadata: Metadata.nullable().optional() })
  .openapi('ModifyMessageRequest');

export const ListMessagesQuery = z.object({ run_id: z.string().optional() });

export const MessageList = listOf(Message, 'MessageList');
export const MessageDeleted = deletedOf('thread.message.deleted', 'MessageDeleted');

export const textContent = (value: string): Message['content'] => [
  { type: 'text', text: { value, annotations: [] } },
];

/** A message's text as a model reads it: its parts, each on its own line. */
export const contentText = (content: Message['content']): string =>
  content.map((part) => part.text.value).join('\n');

export function newMessage(
  id: string,
  createdAt: number,
  threadId: string,
  input: CreateMessageRequest,
): Message {
  const content =
    typeof input.content === 'string'
      ? textContent(input.content)
      : input.content.flatMap((part) => textContent(part.text));
  return {
    id,
    object: 'thread.message',
    created_at: createdAt,
    thread_id: threadId,
    status: 'completed',
    incomplete_details: null,
    completed_at: createdAt,
    incomplete_at: null,
    role: input.role,
    content,
    assistant_id: null,
    run_id: null,
    attachments: [],
    metadata: input.metadata ?? {},
  };
}

/** The reply a run writes, empty and in progress until the model has spoken. */
export function newAssistantReply(
  id: string,
  createdAt: number,
  run: { id: string; thread_id: string; assistant_id: string },
  generatedBy: string,
): Message {
  return {
    id,
    object: 'thread.message',
    created_at: createdAt,
    thread_id: run.thread_id,
    status: 'in_progress',
    incomplete_details: null,
    completed_at: null,
    incomplete_at: null,
    role: 'assistant',
    content: [],
    assistant_id: run.assistant_id,
    run_id: run.id,
    attachments: [],
    metadata: { generated_by: generatedBy },
  };
}
