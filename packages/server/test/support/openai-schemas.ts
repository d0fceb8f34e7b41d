import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import standalone from 'ajv/dist/standalone/index.js';
import { parse } from 'yaml';

const defaultPath = fileURLToPath(
  new URL('../../../../../shared/openai-openapi/openapi.yaml', import.meta.url),
);
const specPath = process.env.OPENAI_OPENAPI_YAML ?? defaultPath;

export const openAISchemasPresent = existsSync(specPath);
export const skipWithoutSchemas = openAISchemasPresent
  ? false
  : `OpenAI's openapi.yaml is not at ${specPath}: schema checks skipped`;

type Validator = (value: unknown) => string[];
const validators = new Map<string, Validator>();

/**
 * Validates against a schema in OpenAI's published OpenAPI document, e.g. `RunObject` or
 * `AssistantStreamEvent`; returns the validation errors (none when valid).
 */
export function schemaErrors(schemaName: string, value: unknown): string[] {
  if (!openAISchemasPresent) return [];
  let validate = validators.get(schemaName);
  if (!validate) {
    const compiled = cachedValidator(schemaName);
    validate = (candidate) =>
      compiled(candidate) ? [] : (compiled.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
    validators.set(schemaName, validate);
  }
  return validate(value);
}

// node --test runs every test file in its own process, and parsing the 3 MB YAML takes most of a second:
// so each validator is kept on disk as ajv standalone code, and the parsed document beside it. Not in the
// shared temporary directory: the cached code is run, so it lives where only this checkout's owner writes.
const cacheRoot = fileURLToPath(new URL('../../node_modules/.cache/openai-schemas/', import.meta.url));
const requireHere = createRequire(import.meta.url);
let cacheDirectory: string | undefined;

/** One directory per version of the YAML, of ajv and of this file (which decides the transform). */
function cachePath(name: string): string {
  if (!cacheDirectory) {
    const { size, mtimeMs } = statSync(specPath);
    const ajvVersion = (requireHere('ajv/package.json') as { version: string }).version;
    const thisFile = readFileSync(fileURLToPath(import.meta.url), 'utf8');
    const key = createHash('sha256')
      .update(JSON.stringify([specPath, size, mtimeMs, ajvVersion, thisFile]))
      .digest('hex')
      .slice(0, 16);
    cacheDirectory = join(cacheRoot, key);
  }
  return join(cacheDirectory, name);
}

function cachedValidator(schemaName: string): ValidateFunction {
  const file = cachePath(`${schemaName}.cjs`);
  if (existsSync(file)) {
    const module = { exports: {} as ValidateFunction };
    const run = new Function('require', 'module', 'exports', readFileSync(file, 'utf8'));
    run(requireHere, module, module.exports);
    return module.exports;
  }
  const compiled = ajv().compile({ $ref: `openai#/components/schemas/${schemaName}` });
  writeAtomically(file, standalone.default(ajv(), compiled));
  return compiled;
}

let sharedAjv: Ajv2020 | undefined;
function ajv(): Ajv2020 {
  if (sharedAjv) return sharedAjv;
  sharedAjv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true, code: { source: true } });
  sharedAjv.addSchema(openAIDocument(), 'openai');
  return sharedAjv;
}

function openAIDocument(): object {
  const file = cachePath('openapi.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as object;
  const document = withNullable(parse(readFileSync(specPath, 'utf8'))) as object;
  writeAtomically(file, JSON.stringify(document));
  return document;
}

/** Test files run in parallel too: a reader sees a whole file or none. */
function writeAtomically(file: string, text: string) {
  const partial = `${file}.${process.pid}.partial`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(partial, text);
    renameSync(partial, file);
  } catch (error) {
    // An unwritable cache only costs time: the next process parses the YAML again.
    console.warn(`Could not cache OpenAI's schemas at ${file}:`, error);
  }
}

/** OpenAI's document still uses OpenAPI 3.0's `nullable`; spell it the JSON Schema 2020-12 way. */
function withNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withNullable);
  if (!node || typeof node !== 'object') return node;
  const { allOf } = node as { allOf?: unknown[] };
  const nullableMarker = allOf?.findIndex((part) => JSON.stringify(part) === '{"nullable":true}') ?? -1;
  if (allOf && nullableMarker >= 0) {
    const { allOf: _, ...rest } = node as Record<string, unknown>;
    const others = allOf.filter((_, index) => index !== nullableMarker);
    return { ...(withNullable(rest) as object), anyOf: [{ allOf: withNullable(others) }, { type: 'null' }] };
  }
  const entries = Object.entries(node as Record<string, unknown>).map(
    ([k, v]) => [k, withNullable(v)] as const,
  );
  const object = Object.fromEntries(entries) as Record<string, unknown>;
  if (object.nullable !== true) return object;
  const { nullable: _, ...rest } = object;
  return { anyOf: [rest, { type: 'null' }] };
}

const schemaForObject: Record<string, string> = {
  assistant: 'AssistantObject',
  thread: 'ThreadObject',
  'thread.message': 'MessageObject',
  'thread.run': 'RunObject',
  'thread.run.step': 'RunStepObject',
  'assistant.deleted': 'DeleteAssistantResponse',
  'thread.deleted': 'DeleteThreadResponse',
  'thread.message.deleted': 'DeleteMessageResponse',
  model: 'Model',
};

const schemaForList: Record<string, string> = {
  assistant: 'ListAssistantsResponse',
  'thread.message': 'ListMessagesResponse',
  'thread.run': 'ListRunsResponse',
  'thread.run.step': 'ListRunStepsResponse',
  model: 'ListModelsResponse',
};

/**
 * The OpenAI schema a gateway JSON body should match, found from its `object` field, or undefined for
 * bodies OpenAI has no schema for (and for empty lists, where OpenAI itself answers `first_id: null`).
 */
export function schemaNameFor(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  if ('error' in body) return 'ErrorResponse';
  const { object, data } = body as { object?: string; data?: Array<{ object?: string }> };
  if (object === 'list') return schemaForList[data?.[0]?.object ?? ''];
  return schemaForObject[object ?? ''];
}

/** Throws when a body the gateway answered does not match OpenAI's schema for it. */
export function assertOpenAIShape(body: unknown, where: string) {
  const schema = schemaNameFor(body);
  if (!schema) return;
  const errors = schemaErrors(schema, body);
  if (errors.length > 0) throw new Error(`${where}: not a valid ${schema}: ${errors.join('; ')}`);
}
