import type { LanguageModelV4, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { aiSdkCallOptions } from './ai-sdk-call.ts';
import { aiSdkFailure } from './ai-sdk-errors.ts';
import { aiSdkPartReader } from './ai-sdk-parts.ts';
import { knownContextWindow } from './context-windows.ts';
import type { GenerateRequest, ModelProvider, StreamPart } from './model-provider.ts';
import { afterFailedAttempt, defaultRetryPolicy, type RetryPolicy } from './retry-policy.ts';
import { errorPart } from './upstream-errors.ts';

export interface AiSdkProviderOptions {
  /** Shown in reply metadata and logs. */
  name: string;
  /** The vendor's model for a model name, from its AI SDK provider (`createAnthropic(...)(id)` and the like). */
  languageModel: (modelId: string) => LanguageModelV4 | Promise<LanguageModelV4>;
  /** Hang up when the vendor sends nothing for this long, before or during its reply. */
  idleTimeoutMs?: number;
  /** Retries before the reply starts, for refused connections and 429 or 5xx answers. */
  retry?: Partial<RetryPolicy>;
  /** The vendor's tokenizer, when one is known here. */
  countTokens?: ModelProvider['countTokens'];
}

const defaultIdleTimeoutMs = 60_000;

/** Any AI SDK language model as a backend, through its `doStream` contract. */
export function aiSdkProvider(options: AiSdkProviderOptions): ModelProvider {
  const retry = { ...defaultRetryPolicy, ...options.retry } satisfies RetryPolicy;
  const idleTimeoutMs = options.idleTimeoutMs ?? defaultIdleTimeoutMs;

  return {
    name: options.name,
    contextWindow: knownContextWindow,
    ...(options.countTokens && { countTokens: options.countTokens }),
    async *stream(request: GenerateRequest): AsyncGenerator<StreamPart> {
      const model = await options.languageModel(request.model);
      const startedAt = performance.now();
      for (let attempt = 1; !request.signal.aborted; attempt++) {
        const watch = idleWatch(request.signal, idleTimeoutMs);
        let stream: ReadableStream<LanguageModelV4StreamPart>;
        try {
          ({ stream } = await model.doStream(aiSdkCallOptions({ ...request, signal: watch.signal })));
        } catch (error) {
          watch.stop();
          if (request.signal.aborted) return;
          const failure = watch.silent
            ? {
                part: errorPart('server_error', 'noAnswer', `no answer for ${idleTimeoutMs} ms`),
                retryable: false,
              }
            : aiSdkFailure(error);
          const next = await afterFailedAttempt(retry, failure, {
            number: attempt,
            startedAt,
            signal: request.signal,
          });
          if (next === 'final') yield failure.part;
          if (next !== 'retry') return;
          continue;
        }
        yield* readReply(stream, watch, request.signal);
        return;
      }
    },
  };
}

async function* readReply(
  stream: ReadableStream<LanguageModelV4StreamPart>,
  watch: IdleWatch,
  cancel: AbortSignal,
): AsyncGenerator<StreamPart> {
  const read = aiSdkPartReader();
  const reader = stream.getReader();
  let wroteSomething = false;
  try {
    for (;;) {
      const next = await reader.read().catch((error: unknown) => ({ done: true as const, error }));
      watch.heard();
      if (cancel.aborted) return;
      if (watch.silent || 'error' in next) {
        const detail = watch.silent ? 'the model went silent' : String((next as { error: unknown }).error);
        yield errorPart('server_error', wroteSomething ? 'stoppedMidway' : 'noAnswer', detail);
        return;
      }
      if (next.done) {
        yield errorPart('server_error', 'stoppedMidway', 'the stream ended without a finish');
        return;
      }
      for (const part of read(next.value)) {
        yield part;
        if (part.type === 'finish' || part.type === 'error') return;
        wroteSomething = true;
      }
    }
  } finally {
    watch.stop();
    reader.cancel().catch(() => undefined);
  }
}

interface IdleWatch {
  /** Aborts when the run is cancelled or the vendor goes silent. */
  signal: AbortSignal;
  readonly silent: boolean;
  heard(): void;
  stop(): void;
}

function idleWatch(cancel: AbortSignal, idleTimeoutMs: number): IdleWatch {
  const silence = new AbortController();
  let silent = false;
  const timer = setTimeout(() => {
    silent = true;
    silence.abort(new Error(`no bytes for ${idleTimeoutMs} ms`));
  }, idleTimeoutMs);
  return {
    signal: AbortSignal.any([cancel, silence.signal]),
    get silent() {
      return silent;
    },
    heard: () => timer.refresh(),
    stop: () => clearTimeout(timer),
  };
}
