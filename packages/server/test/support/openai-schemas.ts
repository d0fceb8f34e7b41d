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
