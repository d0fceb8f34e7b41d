import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
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
let validators: Map<string, Validator> | undefined;

/**
 * Validates against a schema in OpenAI's published OpenAPI document, e.g. `RunObject` or
 * `AssistantStreamEvent`; returns the validation errors (none when valid).
 */
export function schemaErrors(schemaName: string, value: unknown): string[] {
  if (!openAISchemasPresent) return [];
  validators ??= new Map();
  let validate = validators.get(schemaName);
  if (!validate) {
    const compiled = ajv().compile({ $ref: `openai#/components/schemas/${schemaName}` });
    validate = (candidate) =>
      compiled(candidate) ? [] : (compiled.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
    validators.set(schemaName, validate);
  }
  return validate(value);
}

let sharedAjv: Ajv2020 | undefined;
function ajv(): Ajv2020 {
  if (sharedAjv) return sharedAjv;
  const document = parse(readFileSync(specPath, 'utf8'));
  sharedAjv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  sharedAjv.addSchema(withNullable(document) as object, 'openai');
  return sharedAjv;
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
};

const schemaForList: Record<string, string> = {
  assistant: 'ListAssistantsResponse',
  'thread.message': 'ListMessagesResponse',
  'thread.run': 'ListRunsResponse',
  'thread.run.step': 'ListRunStepsResponse',
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
