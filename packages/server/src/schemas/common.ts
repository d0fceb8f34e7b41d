import { z } from '@hono/zod-openapi';

export const Metadata = z
  .record(
    z.string().max(64, 'metadata keys are at most 64 characters'),
    z.string().max(512, 'metadata values are at most 512 characters'),
  )
  .refine((value) => Object.keys(value).length <= 16, 'metadata holds at most 16 key-value pairs')
  .openapi('Metadata', {
    description: 'Up to 16 key-value pairs (keys up to 64 characters, values up to 512).',
    example: { day: '2026-11-25' },
  });

export type Metadata = z.infer<typeof Metadata>;

export const Usage = z
  .object({ prompt_tokens: z.int(), completion_tokens: z.int(), total_tokens: z.int() })
  .openapi('Usage');

export type Usage = z.infer<typeof Usage>;

export const LastError = z
  .object({ code: z.enum(['server_error', 'rate_limit_exceeded', 'invalid_prompt']), message: z.string() })
  .openapi('LastError');

export type LastError = z.infer<typeof LastError>;

export const ErrorBody = z
  .object({
    error: z.object({
      message: z.string(),
      type: z.string(),
      param: z.string().nullable(),
      code: z.string().nullable(),
    }),
  })
  .openapi('Error');

export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).openapi({ description: 'Between 1 and 100.' }),
  order: z.enum(['asc', 'desc']).default('desc').openapi({ description: 'By creation time.' }),
  after: z.string().optional().openapi({ description: 'An object id: list the objects after it.' }),
  before: z.string().optional().openapi({ description: 'An object id: list the objects before it.' }),
});

export type ListQuery = z.infer<typeof ListQuery>;

export const listOf = <T extends z.ZodType>(item: T, name: string) =>
  z
    .object({
      object: z.literal('list'),
      data: z.array(item),
      first_id: z.string().nullable(),
      last_id: z.string().nullable(),
      has_more: z.boolean(),
    })
    .openapi(name);

export const deletedOf = <T extends string>(object: T, name: string) =>
  z.object({ id: z.string(), object: z.literal(object), deleted: z.boolean() }).openapi(name);

export const FunctionTool = z.object({
  type: z.literal('function'),
  function: z.object({
    name: z.string().regex(/^[\w-]{1,64}$/, 'a name of up to 64 letters, digits, _ or -'),
    description: z.string().max(1024).optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullable().optional(),
  }),
});

export type FunctionTool = z.infer<typeof FunctionTool>;

/** Function tools run in the app; Haru has no code interpreter or file search of its own yet. */
const UnsupportedTool = z
  .object({ type: z.enum(['code_interpreter', 'file_search']) })
  .loose()
  .refine(
    () => false,
    'Haru runs function tools only; code_interpreter and file_search are not supported yet',
  );

export const Tools = z
  .array(z.union([FunctionTool, UnsupportedTool]))
  .max(128)
  .refine(
    (tools) => new Set(tools.map((tool) => (tool as FunctionTool).function?.name)).size === tools.length,
    'each function tool needs its own name',
  );

const noneYet =
  'Haru runs function tools only; files for code_interpreter and file_search are not supported yet';

/**
 * Accepted as OpenAI's shape, so an app that sends its (empty) resources back works; files or vector
 * stores for the tools Haru lacks are refused, never silently dropped.
 */
export const ToolResources = z
  .object({
    code_interpreter: z.object({ file_ids: z.array(z.string()).max(0, noneYet).optional() }).optional(),
    file_search: z
      .object({
        vector_store_ids: z.array(z.string()).max(0, noneYet).optional(),
        vector_stores: z.array(z.unknown()).max(0, noneYet).optional(),
      })
      .optional(),
  })
  .strict();

export const ResponseFormat = z.union([
  z.literal('auto'),
  z.object({ type: z.enum(['text', 'json_object']) }),
  z.object({
    type: z.literal('json_schema'),
    json_schema: z
      .object({
        name: z.string().regex(/^[\w-]{1,64}$/, 'a name of up to 64 letters, digits, _ or -'),
        description: z.string().optional(),
        schema: z.record(z.string(), z.unknown()).optional(),
        strict: z.boolean().nullable().optional(),
      })
      .loose(),
  }),
]);

export type ResponseFormat = z.infer<typeof ResponseFormat>;

export const Temperature = z.number().min(0).max(2);
export const TopP = z.number().min(0).max(1);
/** How hard a reasoning model thinks before it answers; other models ignore it. */
export const ReasoningEffort = z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max']);
export type ReasoningEffort = z.infer<typeof ReasoningEffort>;
