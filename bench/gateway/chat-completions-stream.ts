import { describeError, postStream, type StreamOutcome } from './post-stream.ts';
import { sseParser } from './sse-parser.ts';

interface ChatCompletionChunk {
  choices?: Array<{ delta?: { content?: string | null } }>;
}

const body = { model: 'bench-model', messages: [{ role: 'user', content: 'hello' }], stream: true };

/** One streamed Chat Completions request, to the upstream directly or through a proxy. */
export async function chatCompletionsStream(
  url: URL,
  expectedText: string,
  timeoutMs: number,
  onFirstContent: () => void,
): Promise<StreamOutcome> {
  const sentAt = performance.now();
  let ttftMs: number | undefined;
  let text = '';
  let done = false;
  const parse = sseParser(({ data }) => {
    if (data === '[DONE]') {
      done = true;
      return;
    }
    const content = (JSON.parse(data) as ChatCompletionChunk).choices?.[0]?.delta?.content;
    if (!content) return;
    if (ttftMs === undefined) {
      ttftMs = performance.now() - sentAt;
      onFirstContent();
    }
    text += content;
  });
  try {
    await postStream(url, body, {}, parse, timeoutMs);
  } catch (error) {
    return { ttftMs, complete: false, error: describeError(error) };
  }
  const complete = done && text === expectedText;
  return { ttftMs, complete, ...(!complete && { error: done ? 'wrong text' : 'no [DONE]' }) };
}
