import { chatCompletionReader } from './chat-completion-reader.ts';
import { chatCompletionRequest, maxTokensFieldFor } from './chat-completion-request.ts';
import { knownContextWindow } from './context-windows.ts';
import type { GenerateRequest, ModelProvider, StreamPart } from './model-provider.ts';
import { countOpenAITokens } from './openai-tokenizer.ts';
import { createPartQueue, type PartQueue } from './part-queue.ts';
import { afterFailedAttempt, defaultRetryPolicy, type RetryPolicy } from './retry-policy.ts';
import { createSseParser } from './sse-parser.ts';
import { type AttemptFailure, connectionFailure, errorPart, statusFailure } from './upstream-errors.ts';
import { postUpstream, type UpstreamPost } from './upstream-http.ts';

export interface OpenAICompatibleOptions {
  /** Shown in reply metadata and logs; 'openai-compatible' when unset. */
  name?: string;
  baseURL: string;
  /** Sent as a bearer token; local servers like Ollama need none. */
  apiKey?: string | undefined;
  /** Hang up on an upstream that sends no byte for this long, before or during its reply. */
  idleTimeoutMs?: number;
  /** Retries before the reply starts, for refused connections and 429 or 5xx answers. */
  retry?: Partial<RetryPolicy>;
}

const defaultIdleTimeoutMs = 60_000;

/** Any server speaking OpenAI's streaming Chat Completions: OpenAI, Ollama, vLLM, llama.cpp, LM Studio. */
export function openAICompatibleProvider(options: OpenAICompatibleOptions): ModelProvider {
  const url = new URL(`${options.baseURL.replace(/\/+$/, '')}/chat/completions`);
  const headers = {
    'content-type': 'application/json',
    accept: 'text/event-stream',
    ...(options.apiKey && { authorization: `Bearer ${options.apiKey}` }),
  };
  const retry = { ...defaultRetryPolicy, ...options.retry } satisfies RetryPolicy;
  const idleTimeoutMs = options.idleTimeoutMs ?? defaultIdleTimeoutMs;
  const maxTokensField = maxTokensFieldFor(url);

  return {
    name: options.name ?? 'openai-compatible',
    contextWindow: knownContextWindow,
    countTokens: countOpenAITokens,
    async *stream(request: GenerateRequest): AsyncGenerator<StreamPart> {
      const post = {
        url,
        headers,
        body: Buffer.from(JSON.stringify(chatCompletionRequest(request, maxTokensField))),
        signal: request.signal,
        idleTimeoutMs,
      };
      const startedAt = performance.now();
      for (let attempt = 1; !request.signal.aborted; attempt++) {
        const answer = await startReply(post);
        if (answer.kind === 'aborted') return;
        if (answer.kind === 'streaming') {
          const { queue, hangUp } = answer;
          try {
            for (let parts = await queue.take(); parts.length > 0; parts = await queue.take()) {
              for (const part of parts) yield part;
            }
          } finally {
            // The consumer stopped reading before the reply ended: stop the upstream too.
            if (!queue.closed) hangUp();
          }
          return;
        }
        const { failure } = answer;
        const next = await afterFailedAttempt(retry, failure, {
          number: attempt,
          startedAt,
          signal: request.signal,
        });
        if (next === 'final') yield failure.part;
        if (next !== 'retry') return;
      }
    },
  };
}

type Answer =
  | { kind: 'streaming'; queue: PartQueue; hangUp: () => void }
  | { kind: 'failed'; failure: AttemptFailure }
  | { kind: 'aborted' };

/**
 * One request: resolves once the reply starts (its first part, or its end), or when it failed before that;
 * a server that answers 200 and then reports an error before any text failed like one that answered 5xx.
 */
function startReply(post: UpstreamPost): Promise<Answer> {
  return new Promise((resolve) => {
    let status = 0;
    let retryAfter: string | undefined;
    let errorBody = '';
    const queue = createPartQueue();
    const streaming = () => resolve({ kind: 'streaming', queue, hangUp });
    const reader = chatCompletionReader({
      push(part) {
        streaming();
        queue.push(part);
      },
      close(last) {
        streaming();
        queue.close(last);
        // A broken reply is not worth reading on; a finished one is, so its connection goes back to the pool.
        if (last?.type === 'error') hangUp();
      },
      failBeforeReply(failure) {
        hangUp();
        resolve({ kind: 'failed', failure });
      },
    });
    const parse = createSseParser(reader.data);
    const hangUp = postUpstream(post, {
      response(code, responseHeaders) {
        status = code;
        if (!isSuccess(status)) retryAfter = responseHeaders['retry-after'];
      },
      bytes(chunk) {
        if (isSuccess(status)) parse(chunk);
        else if (errorBody.length < 2000) errorBody += chunk.toString('utf8');
      },
      end(problem) {
        if (isSuccess(status)) reader.end(problem);
        else if (problem?.kind === 'aborted') resolve({ kind: 'aborted' });
        else if (status !== 0) {
          const detail = `${post.url.host} answered ${status}: ${upstreamErrorText(errorBody)}`;
          resolve({ kind: 'failed', failure: statusFailure(status, detail, retryAfter) });
        } else if (problem?.kind === 'unreachable') {
          resolve({ kind: 'failed', failure: connectionFailure(problem.code, problem.detail) });
        } else {
          const part = errorPart('server_error', 'noAnswer', problem?.detail ?? post.url.host);
          resolve({ kind: 'failed', failure: { part, retryable: false } });
        }
      },
    });
  });
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/** OpenAI-shaped error bodies carry the useful part in `error.message`; other servers send plain text. */
function upstreamErrorText(body: string): string {
  let message: unknown;
  try {
    message = JSON.parse(body)?.error?.message;
  } catch {
    message = undefined;
  }
  return typeof message === 'string' ? message : body.slice(0, 500);
}
