import { OpenAPIHono, type z } from '@hono/zod-openapi';
import type { RunEngine } from '../engine/run-engine.ts';
import { badRequest } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { ModelCatalog } from '../providers/model-catalog.ts';
import { ErrorBody } from '../schemas/common.ts';
import type { Database } from '../storage/database.ts';
import type { IdempotentAnswer } from '../storage/idempotency-store.ts';
import type { Stores } from '../storage/stores.ts';
import type { QuotaOverrides } from '../storage/user-store.ts';

export type AppEnv = {
  Variables: {
    userId: string;
    /** The signed-in device the bearer token belongs to, and its user's quota overrides. */
    deviceId: string;
    quotas: QuotaOverrides;
    /** The user's request rate, which paces the polling the gateway asks for. */
    requestsPerMinute?: number;
    /** How much of a stream the gateway holds for a client that stopped reading. */
    streamBufferBytes: number;
    /** Set by a streamed answer: starts writing it once every middleware has set its headers. */
    startStream?: (answer: Response) => void;
    /** Set by a reconnect answered with a run's stream, so a repeat of its request can stream it again. */
    streamedRun?: { thread_id: string; id: string };
    /** Set while a create holds an Idempotency-Key: keeps the answer for its repeats, in a transaction. */
    keepIdempotentAnswer?: (tx: Stores, answer: IdempotentAnswer) => Promise<void>;
  };
};

export interface RouteDeps {
  db: Database;
  engine: RunEngine;
  logger: Logger;
  models: ModelCatalog;
}

/** A router whose request validation fails with OpenAI's 400 body naming the bad parameter. */
export function newRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error);
    },
  });
}

/**
 * A value that fits none of a union's shapes (content as a string or as parts) is explained by the shape
 * it came closest to, the one whose first fault lies deepest in the value, rather than zod's bare
 * "Invalid input".
 */
function innermost(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  const firsts = issue.errors.flatMap((branch) => (branch[0] ? [branch[0]] : []));
  const closest = firsts.reduce<z.core.$ZodIssue | undefined>(
    (best, next) => (next.path.length > (best?.path.length ?? 0) ? next : best),
    undefined,
  );
  if (!closest) return issue;
  return innermost({ ...closest, path: [...issue.path, ...closest.path] });
}

function validationError(error: z.ZodError) {
  const first = error.issues[0];
  if (!first) return badRequest('The request is invalid.');
  const issue = innermost(first);
  const param = issue.path.length ? formatPath(issue.path) : null;
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) {
    return badRequest(`Missing required parameter: '${param}'.`, param, 'missing_required_parameter');
  }
  const where = param ? `Invalid '${param}'` : 'Invalid request body';
  return badRequest(`${where}: ${issue.message}.`, param, 'invalid_value');
}

function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) =>
      typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key),
    '',
  );
}

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

export const errorResponses = {
  400: json(ErrorBody, 'Invalid request'),
  401: json(ErrorBody, 'Missing or invalid bearer token'),
  404: json(ErrorBody, 'No such object for this user'),
} as const;

export const security = [{ bearerAuth: [] }];
