import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { type Config, ConfigError } from '../config.ts';

const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'name an environment variable, like ANTHROPIC_API_KEY');
const httpURL = z.url({ protocol: /^https?$/ });
const idleTimeoutMs = z.number().int().positive();

const backendSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('openai-compatible'),
    baseURL: httpURL,
    apiKeyEnv: envName.optional(),
    idleTimeoutMs: idleTimeoutMs.optional(),
  }),
  z.strictObject({
    type: z.literal('openai'),
    api: z.enum(['responses', 'chat']).default('responses'),
    baseURL: httpURL.optional(),
    apiKeyEnv: envName.default('OPENAI_API_KEY'),
    idleTimeoutMs: idleTimeoutMs.optional(),
  }),
  z.strictObject({
    type: z.literal('anthropic'),
    baseURL: httpURL.optional(),
    apiKeyEnv: envName.default('ANTHROPIC_API_KEY'),
    idleTimeoutMs: idleTimeoutMs.optional(),
  }),
  z.strictObject({
    type: z.literal('google'),
    baseURL: httpURL.optional(),
    apiKeyEnv: envName.default('GOOGLE_GENERATIVE_AI_API_KEY'),
    idleTimeoutMs: idleTimeoutMs.optional(),
  }),
  z.strictObject({
    type: z.literal('local'),
    /** A GGUF file's path, `hf:owner/repo/file.gguf`, or an https URL to download it from once. */
    model: z.string().min(1),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/i, "use the 64 hex digits of the file's SHA-256")
      .optional(),
    contextSize: z.number().int().min(64).optional(),
    threads: z.number().int().positive().optional(),
  }),
  z.strictObject({ type: z.literal('offline') }),
]);

const routeSchema = z.union([
  z.string().min(1),
  z.strictObject({
    backend: z.string().min(1),
    /** The name the backend knows the model by, when it differs from the one apps ask for. */
    model: z.string().min(1).optional(),
    contextWindow: z.number().int().positive().optional(),
  }),
]);

const modelName = z
  .string()
  .min(1)
  .refine((name) => !name.slice(0, -1).includes('*'), 'a `*` may only end a model name');

const routingFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    backends: z.record(z.string().min(1), backendSchema),
    models: z.record(modelName, routeSchema),
  })
  .superRefine((file, context) => {
    if (Object.keys(file.models).length === 0) {
      context.addIssue({ code: 'custom', path: ['models'], message: 'map at least one model to a backend' });
    }
    const names = Object.keys(file.backends);
    for (const [model, route] of Object.entries(file.models)) {
      const backend = typeof route === 'string' ? route : route.backend;
      if (!names.includes(backend)) {
        context.addIssue({
          code: 'custom',
          path: ['models', model],
          message: `no backend named '${backend}' (backends: ${names.join(', ') || 'none'})`,
        });
      }
    }
  });

export type BackendConfig = z.infer<typeof backendSchema>;

/** A model name apps ask for (ending in `*` to match by prefix) and who answers it. */
export interface ModelRoute {
  name: string;
  backend: string;
  /** The backend's own name for the model; the asked-for name when absent. */
  model?: string | undefined;
  contextWindow?: number | undefined;
}

export interface Routing {
  backends: Record<string, BackendConfig>;
  routes: ModelRoute[];
  /** Where the routing came from, for the start-up log. */
  source: string;
}

type RoutingEnv = Pick<
  Config,
  | 'HARU_CONFIG'
  | 'OPENAI_API_KEY'
  | 'OPENAI_BASE_URL'
  | 'ANTHROPIC_API_KEY'
  | 'GOOGLE_GENERATIVE_AI_API_KEY'
  | 'HARU_LOCAL_MODEL'
  | 'HARU_LOCAL_MODEL_SHA256'
  | 'HARU_UPSTREAM_IDLE_TIMEOUT_MS'
>;

export const defaultRoutingFile = 'haru.config.json';

/** The routing file named by HARU_CONFIG, else ./haru.config.json when present, else the environment's shorthands. */
export function loadRouting(config: RoutingEnv, cwd = process.cwd()): Routing {
  const path =
    config.HARU_CONFIG ?? (existsSync(`${cwd}/${defaultRoutingFile}`) ? defaultRoutingFile : undefined);
  return path === undefined ? routingFromEnv(config) : readRoutingFile(path, cwd);
}

export function readRoutingFile(path: string, cwd = process.cwd()): Routing {
  const fullPath = path.startsWith('/') ? path : `${cwd}/${path}`;
  let text: string;
  try {
    text = readFileSync(fullPath, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read the routing file ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`The routing file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parseRoutingFile(json, path);
}

export function parseRoutingFile(json: unknown, source: string): Routing {
  const result = routingFileSchema.safeParse(json);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      // A bad model name is reported as a bad record key; its own message says what is wrong.
      const message =
        issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message;
      return `  ${issue.path.join('.') || '(file)'}: ${message}`;
    });
    throw new ConfigError(`Invalid routing file ${source}:\n${lines.join('\n')}`);
  }
  const routes = Object.entries(result.data.models).map(([name, route]) =>
    typeof route === 'string' ? { name, backend: route } : { name, ...route },
  );
  return { backends: result.data.backends, routes, source };
}

/**
 * Without a routing file: Claude models go to Anthropic and Gemini models to Google when their keys are
 * set; every other name goes to the local model, else the OpenAI-compatible server, else the offline companion.
 */
export function routingFromEnv(config: RoutingEnv): Routing {
  const backends: Record<string, BackendConfig> = {};
  const routes: ModelRoute[] = [];
  const idle = { idleTimeoutMs: config.HARU_UPSTREAM_IDLE_TIMEOUT_MS };
  if (config.ANTHROPIC_API_KEY) {
    backends.anthropic = { type: 'anthropic', apiKeyEnv: 'ANTHROPIC_API_KEY', ...idle };
    routes.push({ name: 'claude-*', backend: 'anthropic' });
  }
  if (config.GOOGLE_GENERATIVE_AI_API_KEY) {
    backends.google = { type: 'google', apiKeyEnv: 'GOOGLE_GENERATIVE_AI_API_KEY', ...idle };
    routes.push({ name: 'gemini-*', backend: 'google' });
  }
  if (config.HARU_LOCAL_MODEL) {
    backends.local = {
      type: 'local',
      model: config.HARU_LOCAL_MODEL,
      ...(config.HARU_LOCAL_MODEL_SHA256 && { sha256: config.HARU_LOCAL_MODEL_SHA256 }),
    };
    routes.push({ name: '*', backend: 'local' });
  } else if (config.OPENAI_API_KEY) {
    backends['openai-compatible'] = {
      type: 'openai-compatible',
      baseURL: config.OPENAI_BASE_URL,
      apiKeyEnv: 'OPENAI_API_KEY',
      ...idle,
    };
    routes.push({ name: '*', backend: 'openai-compatible' });
  } else {
    backends.offline = { type: 'offline' };
    routes.push({ name: '*', backend: 'offline' });
  }
  return { backends, routes, source: 'environment' };
}
