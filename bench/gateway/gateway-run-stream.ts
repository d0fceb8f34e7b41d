import { describeError, postStream, type StreamOutcome } from './post-stream.ts';
import { sseParser } from './sse-parser.ts';

/** Where one stream slot runs: its own thread, so it never meets another slot's active run. */
export interface GatewayRunSlot {
  url: string;
  token: string;
  assistantId: string;
  threadId: string;
}

interface MessageDelta {
  delta: { content?: Array<{ text?: { value?: string } }> };
}

/** One streamed run on the gateway; complete means `thread.run.completed`, the full text, then `done`. */
export async function gatewayRunStream(
  slot: GatewayRunSlot,
  expectedText: string,
  timeoutMs: number,
  onFirstContent: () => void,
): Promise<StreamOutcome> {
  const sentAt = performance.now();
  let ttftMs: number | undefined;
  let text = '';
  let completed = false;
  let done = false;
  let failure: string | undefined;
  const parse = sseParser(({ event, data }) => {
    if (event === 'thread.message.delta') {
      if (ttftMs === undefined) {
        ttftMs = performance.now() - sentAt;
        onFirstContent();
      }
      for (const part of (JSON.parse(data) as MessageDelta).delta.content ?? [])
        text += part.text?.value ?? '';
    } else if (event === 'thread.run.completed') {
      completed = true;
    } else if (event === 'thread.run.failed') {
      failure = `run failed: ${data.slice(0, 300)}`;
    } else if (event === 'done') {
      done = true;
    }
  });
  const url = new URL(`/v1/threads/${slot.threadId}/runs`, slot.url);
  try {
    await postStream(
      url,
      { assistant_id: slot.assistantId, stream: true },
      { authorization: `Bearer ${slot.token}` },
      parse,
      timeoutMs,
    );
  } catch (error) {
    return { ttftMs, complete: false, error: describeError(error) };
  }
  const complete = completed && done && text === expectedText;
  if (complete) return { ttftMs, complete };
  const error = failure ?? (!done ? 'no done event' : !completed ? 'no thread.run.completed' : 'wrong text');
  return { ttftMs, complete, error };
}
