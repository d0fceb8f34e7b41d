import type { Config } from '../config.ts';
import type { ModelProvider } from './model-provider.ts';
import { offlineCompanionProvider } from './offline-companion.ts';
import { openAICompatibleProvider } from './openai-compatible.ts';

type ProviderConfig = Pick<Config, 'OPENAI_API_KEY' | 'OPENAI_BASE_URL' | 'HARU_UPSTREAM_IDLE_TIMEOUT_MS'>;

/** The configured backend: an OpenAI-compatible server when a key is set, else the offline companion. */
export function chooseProvider(config: ProviderConfig): ModelProvider {
  if (config.OPENAI_API_KEY) {
    return openAICompatibleProvider({
      baseURL: config.OPENAI_BASE_URL,
      apiKey: config.OPENAI_API_KEY,
      idleTimeoutMs: config.HARU_UPSTREAM_IDLE_TIMEOUT_MS,
    });
  }
  return offlineCompanionProvider();
}
