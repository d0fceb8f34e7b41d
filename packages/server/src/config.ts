import { z } from 'zod';
import { defaultSignupPolicy, type SignupPolicy, signupPolicies } from './auth/signup-policy.ts';
import { defaultLimits, type Limits } from './limits/limits.ts';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^sqlite:.+/, 'use sqlite:<path> (for example sqlite:data/haru.sqlite) or sqlite::memory:')
    .default('sqlite:data/haru.sqlite'),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://api.openai.com/v1'),
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  GOOGLE_GENERATIVE_AI_API_KEY: z.string().min(1).optional(),
  /** A GGUF file's path, `hf:owner/repo/file.gguf` or an https URL: a model run inside the gateway. */
  HARU_LOCAL_MODEL: z.string().min(1).optional(),
  HARU_LOCAL_MODEL_SHA256: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, "use the 64 hex digits of the file's SHA-256")
    .optional(),
  /** Where downloaded local models are kept. */
  HARU_MODELS_DIR: z.string().min(1).default('data/models'),
  /** The routing file; ./haru.config.json is read when present and this is unset. */
  HARU_CONFIG: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  HARU_MODEL: z.string().min(1).default('gpt-4o-mini'),
  HARU_UPSTREAM_IDLE_TIMEOUT_MS: z.coerce.number().int().positive().default(60000),
  HARU_INSTANCE_ID: z.string().min(1).max(200).optional(),
  HARU_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  WEB_APP_DIR: z.string().min(1).optional(),
  HARU_SIGNUP: z.enum(signupPolicies).optional(),
  HARU_ADMIN_KEY: z.string().min(16, 'use a key of at least 16 characters').optional(),
  HARU_TRUST_PROXY: z.stringbool().default(false),
  HARU_CORS_ORIGINS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .url({ protocol: /^https?$/ })
          .refine(isOrigin, 'list origins like https://app.example.com, comma-separated'),
      ),
    )
    .default([]),
  HARU_RATE_LIMIT_RPM: limit(defaultLimits.requestsPerMinute),
  HARU_TOKENS_PER_DAY: limit(defaultLimits.tokensPerDay),
  HARU_MAX_CONCURRENT_RUNS_PER_USER: limit(defaultLimits.runsPerUser),
  HARU_MAX_CONCURRENT_RUNS: limit(defaultLimits.generatingRuns),
  HARU_SIGNUPS_PER_HOUR: limit(defaultLimits.signupsPerHour),
  HARU_STREAM_BUFFER_BYTES: limit(defaultLimits.streamBufferBytes),
});

function limit(byDefault: number) {
  return z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).default(byDefault);
}

function isOrigin(url: string): boolean {
  const parsed = new URL(url);
  return parsed.origin === url.replace(/\/$/, '');
}

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

/** Reads the environment once at start; a bad value stops the gateway with a message naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = configSchema.safeParse(present);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

/** Sign-up as configured, or by where the gateway listens. */
export const signupPolicyOf = (config: Config): SignupPolicy =>
  config.HARU_SIGNUP ?? defaultSignupPolicy(config.HOST, config.HARU_TRUST_PROXY);

export const limitsOf = (config: Config): Limits => ({
  requestsPerMinute: config.HARU_RATE_LIMIT_RPM,
  tokensPerDay: config.HARU_TOKENS_PER_DAY,
  runsPerUser: config.HARU_MAX_CONCURRENT_RUNS_PER_USER,
  generatingRuns: config.HARU_MAX_CONCURRENT_RUNS,
  signupsPerHour: config.HARU_SIGNUPS_PER_HOUR,
  streamBufferBytes: config.HARU_STREAM_BUFFER_BYTES,
});
