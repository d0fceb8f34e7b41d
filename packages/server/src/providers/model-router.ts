import type { ModelCatalog, ModelInfo } from './model-catalog.ts';
import type { GenerateRequest, ModelProvider, StreamPart } from './model-provider.ts';
import type { ModelRoute } from './routing-config.ts';

export interface ResolvedModel {
  backend: ModelProvider;
  /** The backend's own name for the model. */
  model: string;
  contextWindow: number | undefined;
}

export interface ModelRouter extends ModelProvider, ModelCatalog {
  resolve(model: string): ResolvedModel | undefined;
  backendName(model: string): string;
}

/**
 * One provider in front of several: each request goes to the backend its model name maps to. Exact names
 * win over `prefix*` patterns, and a longer prefix over a shorter one.
 */
export function createModelRouter(options: {
  backends: Record<string, ModelProvider>;
  routes: ModelRoute[];
  /** Listed under a catch-all route, since `*` names no model itself: the shared assistants' model. */
  defaultModel: string;
}): ModelRouter {
  const exact = new Map(
    options.routes.filter((route) => !isPattern(route)).map((route) => [route.name, route]),
  );
  const patterns = options.routes
    .filter(isPattern)
    .sort((a, b) => b.name.length - a.name.length)
    .map((route) => ({ route, prefix: route.name.slice(0, -1) }));

  function routeFor(model: string): ModelRoute | undefined {
    return exact.get(model) ?? patterns.find(({ prefix }) => model.startsWith(prefix))?.route;
  }

  function resolve(model: string): ResolvedModel | undefined {
    const route = routeFor(model);
    const backend = route && options.backends[route.backend];
    if (!route || !backend) return undefined;
    return { backend, model: route.model ?? model, contextWindow: route.contextWindow };
  }

  function find(model: string): ModelInfo | undefined {
    const resolved = resolve(model);
    return resolved && { id: model, ownedBy: resolved.backend.name };
  }

  const configuredNames = options.routes.map((route) => route.name);

  return {
    name: 'model-router',
    resolve,
    find,
    names: () => configuredNames,
    list() {
      const ids = [...exact.keys()];
      if (!exact.has(options.defaultModel) && routeFor(options.defaultModel))
        ids.unshift(options.defaultModel);
      return ids.flatMap((id) => find(id) ?? []);
    },
    backendName(model) {
      return resolve(model)?.backend.name ?? 'model-router';
    },
    contextWindow(model) {
      const resolved = resolve(model);
      return resolved?.contextWindow ?? resolved?.backend.contextWindow?.(resolved.model);
    },
    async countTokens(model, text) {
      const resolved = resolve(model);
      return resolved?.backend.countTokens?.(resolved.model, text);
    },
    stream(request: GenerateRequest): AsyncIterable<StreamPart> {
      const resolved = resolve(request.model);
      if (!resolved) return unknownModel(request.model, configuredNames);
      return resolved.backend.stream({ ...request, model: resolved.model });
    },
  };
}

function isPattern(route: ModelRoute): boolean {
  return route.name.endsWith('*');
}

async function* unknownModel(model: string, configured: string[]): AsyncGenerator<StreamPart> {
  yield { type: 'error', code: 'invalid_prompt', message: unknownModelMessage(model, configured) };
}

export function unknownModelMessage(model: string, configured: string[]): string {
  return `The model '${model}' is not configured on this gateway. Configured models: ${configured.join(', ')}.`;
}
