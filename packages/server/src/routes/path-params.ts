import { z } from '@hono/zod-openapi';

const pathParam = (name: string, example: string) =>
  z
    .string()
    .min(1)
    .openapi({ param: { name, in: 'path' }, example });

export const AssistantParams = z.object({ assistant_id: pathParam('assistant_id', 'asst_abc123') });
export const ThreadParams = z.object({ thread_id: pathParam('thread_id', 'thread_abc123') });
export const MessageParams = ThreadParams.extend({ message_id: pathParam('message_id', 'msg_abc123') });
export const RunParams = ThreadParams.extend({ run_id: pathParam('run_id', 'run_abc123') });
export const StepParams = RunParams.extend({ step_id: pathParam('step_id', 'step_abc123') });
