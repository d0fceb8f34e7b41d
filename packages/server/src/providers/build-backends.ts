import { existsSync } from 'node:fs';
import { ConfigError } from '../config.ts';
import { aiSdkProvider } from './ai-sdk-provider.ts';
import { localModelProvider } from './local/local-model-provider.ts';
import { modelSource } from './local/model-source.ts';
import type { ModelProvider } from './model-provider.ts';
import { createModelRouter, type ModelRouter } from './model-router.ts';
import { offlineCompanionProvider } from './offline-companion.ts';
import { openAICompatibleProvider } from './openai-compatible.ts';
import { countOpenAITokens } from './openai-tokenizer.ts';
import type { RetryPolicy } from './retry-policy.ts';
import type { BackendConfig, Routing } from './routing-config.ts';

export interface BackendSettings {
  env: Record<string, string | undefined>;
  /** For backends whose own entry sets none. */
  idleTimeoutMs: number;
  /** Where downloaded local models are kept. */
  modelsDir: string;
  retry?: Partial<RetryPolicy>;
}

/** The router in front of every configured backend; a missing API key stops the start with its variable's name. */
export function buildModelRouter(
  routing: Routing,
  defaultModel: string,
  settings: BackendSettings,
): ModelRouter {
  const backends = Object.fromEntries(
    Object.entries(routing.backends).map(([name, config]) => [name, buildBackend(name, config, settings)]),
  );
  return createModelRouter({ backends, routes: routing.routes, defaultModel });
}

export function buildBackend(name: string, config: BackendConfig, settings: BackendSettings): ModelProvider {
  const timing = {
    idleTimeoutMs: ('idleTimeoutMs' in config && config.idleTimeoutMs) || settings.idleTimeoutMs,
    ...(settings.retry && { retry: settings.retry }),
  };
  switch (config.type) {
    case 'offline':
      return offlineCompanionProvider();
    case 'local':
      checkLocalModel(name, config.model);
      return localModelProvider({
        name,
        model: config.model,
        sha256: config.sha256,
        modelsDir: settings.modelsDir,
        contextSize: config.contextSize,
        threads: config.threads,
      });
    case 'openai-compatible':
      return openAICompatibleProvider({
        name,
        baseURL: config.baseURL,
        apiKey: config.apiKeyEnv ? requiredKey(name, config.apiKeyEnv, settings.env) : undefined,
        ...timing,
      });
    case 'openai': {
      const apiKey = requiredKey(name, config.apiKeyEnv, settings.env);
      const openai = once(async () =>
        (await import('@ai-sdk/openai')).createOpenAI({ apiKey, baseURL: config.baseURL }),
      );
      return aiSdkProvider({
        name,
        languageModel: async (id) => {
          const vendor = await openai();
          return config.api === 'chat' ? vendor.chat(id) : vendor.responses(id);
        },
        countTokens: countOpenAITokens,
        ...timing,
      });
    }
    case 'anthropic': {
      const apiKey = requiredKey(name, config.apiKeyEnv, settings.env);
      const anthropic = once(async () =>
        (await import('@ai-sdk/anthropic')).createAnthropic({ apiKey, baseURL: config.baseURL }),
      );
      return aiSdkProvider({
        name,
        languageModel: async (id) => (await anthropic()).languageModel(id),
        ...timing,
      });
    }
    case 'google': {
      const apiKey = requiredKey(name, config.apiKeyEnv, settings.env);
      const google = once(async () =>
        (await import('@ai-sdk/google')).createGoogleGenerativeAI({ apiKey, baseURL: config.baseURL }),
      );
      return aiSdkProvider({
        name,
        languageModel: async (id) => (await google()).languageModel(id),
        ...timing,
      });
    }
  }
}

/** A vendor's AI SDK package is tens of megabytes once loaded: only a gateway that routes to it loads it. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    loaded ??= load();
    return loaded;
  };
}

/**
 * A model file that is not there, or a Hugging Face address that cannot be one, stops the start with
 * what to fix: found only at a user's first message, it failed their run with 'check the log'.
 */
function checkLocalModel(backend: string, model: string) {
  let source: ReturnType<typeof modelSource>;
  try {
    source = modelSource(model);
  } catch (error) {
    throw new ConfigError(`The local model of backend '${backend}': ${(error as Error).message}.`);
  }
  if (source.kind === 'file' && !existsSync(source.path)) {
    throw new ConfigError(
      `The local model of backend '${backend}' is a file that does not exist: ${source.path}. Give the path of a .gguf file, or hf:owner/repo/file.gguf to download one.`,
    );
  }
}

function requiredKey(backend: string, variable: string, env: Record<string, string | undefined>): string {
  const key = env[variable];
  if (!key) throw new ConfigError(`The backend '${backend}' needs an API key: set ${variable}.`);
  return key;
}
