import { randomUUID } from 'node:crypto';
import type {
  LlamaChatResponseFunctionCallParamsChunk,
  LlamaContext,
  LlamaContextSequence,
  LlamaGrammar,
  LlamaModel,
} from 'node-llama-cpp';
import type { GenerateRequest, ModelProvider, StreamPart } from '../model-provider.ts';
import { createPartQueue } from '../part-queue.ts';
import { errorPart } from '../upstream-errors.ts';
import { type DownloadProgress, downloadModel, terminalProgress } from './download-model.ts';
import { createFairSlot } from './fair-slot.ts';
import { llamaChatHistory, llamaFunctions } from './llama-chat-history.ts';
import { modelSource } from './model-source.ts';

export interface LocalModelOptions {
  /** Shown in reply metadata and logs. */
  name: string;
  /** A GGUF file's path, `hf:owner/repo/file.gguf`, or an https URL. */
  model: string;
  sha256?: string | undefined;
  /** Where a downloaded model is kept. */
  modelsDir: string;
  /** Tokens the context holds; the model's own training length, up to 8192, when unset. */
  contextSize?: number | undefined;
  /** CPU threads for generation; llama.cpp's choice for this machine when unset. */
  threads?: number | undefined;
  onDownloadProgress?: (progress: DownloadProgress) => void;
}

export interface LocalModelProvider extends ModelProvider {
  /** Loads the model now rather than on the first run; rejects when it cannot be had. */
  load(): Promise<void>;
  close(): Promise<void>;
}

interface LoadedModel {
  model: LlamaModel;
  context: LlamaContext;
  sequence: LlamaContextSequence;
}

const defaultMaxContext = 8192;

/**
 * A GGUF model run inside the gateway with node-llama-cpp: loaded once on first use and shared. It holds
 * one conversation at a time, so runs take turns in the order they came.
 */
export function localModelProvider(options: LocalModelOptions): LocalModelProvider {
  const slot = createFairSlot();
  let loading: Promise<LoadedModel> | undefined;
  // Known once the model is loaded: its context is sized from the model's own training length.
  let contextSize = options.contextSize;

  function loaded(): Promise<LoadedModel> {
    loading ??= loadModel(options).then(
      (local) => {
        contextSize = local.context.contextSize;
        return local;
      },
      (error: unknown) => {
        // The next run tries again: a download continues where it stopped.
        loading = undefined;
        throw error;
      },
    );
    return loading;
  }

  return {
    name: options.name,
    async load() {
      await loaded();
    },
    async close() {
      const current = await loading?.catch(() => undefined);
      loading = undefined;
      await current?.context.dispose();
      await current?.model.dispose();
    },
    contextWindow() {
      return contextSize;
    },
    async countTokens(_model, text) {
      const { model } = await loaded();
      return model.tokenize(text).length;
    },
    async *stream(request: GenerateRequest): AsyncGenerator<StreamPart> {
      let local: LoadedModel;
      try {
        local = await loaded();
      } catch (error) {
        yield errorPart('server_error', 'localModelUnavailable', (error as Error).message);
        return;
      }
      const release = await slot.acquire(request.signal);
      if (!release) return;
      // Stops the generation when the run is cancelled, or when its reader stops reading early.
      const stop = new AbortController();
      const signal = AbortSignal.any([request.signal, stop.signal]);
      const queue = createPartQueue();
      generate(local, { ...request, signal }, queue.push)
        .then((last) => queue.close(last))
        .catch((error: unknown) =>
          queue.close(errorPart('server_error', 'failedMidway', (error as Error).message)),
        )
        .finally(release);
      try {
        for (let parts = await queue.take(); parts.length > 0; parts = await queue.take()) {
          // Tokens already generated when the run was cancelled are not part of its reply.
          if (signal.aborted) return;
          for (const part of parts) yield part;
        }
      } finally {
        stop.abort();
      }
    },
  };
}

async function loadModel(options: LocalModelOptions): Promise<LoadedModel> {
  const source = modelSource(options.model);
  const modelPath =
    source.kind === 'file'
      ? source.path
      : await downloadModel({
          url: source.url,
          fileName: source.fileName,
          dir: options.modelsDir,
          sha256: options.sha256,
          onProgress: options.onDownloadProgress ?? terminalProgress(),
        });
  // Loaded only when a local model is configured: the native library is large.
  const { getLlama } = await import('node-llama-cpp');
  const llama = await getLlama({ build: 'never' });
  const model = await llama.loadModel({ modelPath });
  const contextSize = options.contextSize ?? Math.min(model.trainContextSize, defaultMaxContext);
  const context = await model.createContext({
    contextSize,
    sequences: 1,
    ...(options.threads !== undefined && { threads: options.threads }),
  });
  return { model, context, sequence: context.getSequence() };
}

/** One run's reply: text as it comes, then the finish (or nothing, when the run was cancelled). */
async function generate(
  local: LoadedModel,
  request: GenerateRequest,
  push: (part: StreamPart) => void,
): Promise<StreamPart | undefined> {
  const { LlamaChat } = await import('node-llama-cpp');
  const chat = new LlamaChat({ contextSequence: local.sequence });
  try {
    const history = llamaChatHistory(request.messages);
    const tools = request.toolChoice === 'none' ? [] : (request.tools ?? []);
    const functions = tools.length ? llamaFunctions(tools) : undefined;
    const promptTokens = chat.chatWrapper
      .generateContextState({ chatHistory: history, ...(functions && { availableFunctions: functions }) })
      .contextText.tokenize(local.model.tokenizer).length;
    let completionTokens = 0;
    const common = {
      signal: request.signal,
      stopOnAbortSignal: true,
      ...(request.maxTokens !== undefined && { maxTokens: request.maxTokens }),
      ...(request.temperature !== undefined && { temperature: request.temperature }),
      ...(request.topP !== undefined && { topP: request.topP }),
      onToken: (tokens: unknown[]) => {
        completionTokens += tokens.length;
      },
      onTextChunk: (text: string) => {
        if (text) push({ type: 'text-delta', text });
      },
    };
    // node-llama-cpp holds a call's parameters to their schema itself, and takes no other grammar then.
    const result = functions
      ? await chat.generateResponse(history, {
          ...common,
          functions,
          ...(request.parallelToolCalls === false && { maxParallelFunctionCalls: 1 }),
          onFunctionCallParamsChunk: functionCallReader(push),
        })
      : await chat.generateResponse(history, {
          ...common,
          grammar: await grammarFor(local.model, request.responseFormat),
        });
    if (request.signal.aborted) return undefined;
    const { stopReason } = result.metadata;
    const reason =
      stopReason === 'maxTokens' ? 'length' : stopReason === 'functionCalls' ? 'tool-calls' : 'stop';
    return { type: 'finish', reason, usage: { promptTokens, completionTokens } };
  } finally {
    chat.dispose({ disposeSequence: false });
  }
}

/** Each call's parameters as they are generated: a start part with a new id, then its JSON in pieces. */
function functionCallReader(push: (part: StreamPart) => void) {
  const callIds = new Map<number, string>();
  return (chunk: LlamaChatResponseFunctionCallParamsChunk) => {
    let id = callIds.get(chunk.callIndex);
    if (id === undefined) {
      id = `call_${randomUUID().replaceAll('-', '').slice(0, 24)}`;
      callIds.set(chunk.callIndex, id);
      push({ type: 'tool-call-start', id, name: chunk.functionName });
    }
    if (chunk.paramsChunk) push({ type: 'tool-call-delta', id, argumentsDelta: chunk.paramsChunk });
  };
}

/**
 * Structured output is enforced while sampling: the model can only write JSON (matching the schema, when
 * node-llama-cpp supports every keyword it uses; any JSON otherwise).
 */
async function grammarFor(
  model: LlamaModel,
  format: GenerateRequest['responseFormat'],
): Promise<LlamaGrammar | undefined> {
  if (!format) return undefined;
  const schema = format.type === 'json_schema' ? format.json_schema.schema : undefined;
  if (schema) {
    try {
      return await model.llama.createGrammarForJsonSchema(schema as never);
    } catch {
      // A keyword the grammar cannot express: plain JSON still keeps the reply parseable.
    }
  }
  return model.llama.getGrammarFor('json');
}
