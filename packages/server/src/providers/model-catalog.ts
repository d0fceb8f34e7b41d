import type { ModelProvider } from './model-provider.ts';

/** A model an app can ask for, and the backend that answers it (OpenAI's `owned_by`). */
export interface ModelInfo {
  id: string;
  ownedBy: string;
}

/** What the gateway tells apps about its models: GET /v1/models, and the check on create. */
export interface ModelCatalog {
  list(): ModelInfo[];
  /** The model when some backend answers it, else undefined. */
  find(model: string): ModelInfo | undefined;
  /** The configured names (patterns included), for the error naming them. */
  names(): string[];
}

/** For a gateway built around a single provider, as tests do: it answers every model name. */
export function singleProviderCatalog(provider: ModelProvider): ModelCatalog {
  return {
    list: () => [],
    find: (model) => ({ id: model, ownedBy: provider.name }),
    names: () => ['*'],
  };
}
