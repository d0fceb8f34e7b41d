import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import type {
  ChatMessage,
  GenerateRequest,
  ModelProvider,
  StreamPart,
  TokenUsage,
} from './model-provider.ts';

/**
 * Holds a backend to the JSON schema a run asks for: the reply is collected and checked, a reply that
 * strays gets one repair turn with the validation error, and only the valid (or, failing that, the
 * better) attempt reaches the run. Requests without a schema pass straight through.
 */
export function withStructuredOutput(provider: ModelProvider): ModelProvider {
  return {
    // What the backend knows of its models (context windows, tokenizers) stays visible through the wrapper.
    ...provider,
    // Without a schema the backend's stream is the run's, untouched: each layer of generators costs every part.
    stream: (request) =>
      request.responseFormat
        ? validated(provider, request, request.responseFormat)
        : provider.stream(request),
  };
}

async function* validated(
  provider: ModelProvider,
  request: GenerateRequest,
  format: NonNullable<GenerateRequest['responseFormat']>,
): AsyncGenerator<StreamPart> {
  const validate = await validatorFor(format);
  if (!validate) {
    yield* provider.stream(request);
    return;
  }
  const first = await collect(provider.stream(request));
  const firstError = first.kind === 'text' ? validate(first.text) : undefined;
  if (first.kind !== 'text' || firstError === undefined || request.signal.aborted) {
    yield* first.parts;
    return;
  }
  const repair = await collect(
    provider.stream({ ...request, messages: repairTurn(request, first.text, firstError) }),
  );
  if (repair.kind !== 'text' || request.signal.aborted) {
    yield* first.parts;
    return;
  }
  const repairError = validate(repair.text);
  const chosen =
    repairError === undefined || invalidity(repairError) <= invalidity(firstError) ? repair : first;
  yield* chosen.parts.filter((part) => part.type !== 'finish');
  yield { ...chosen.finish, usage: addUsage(first.finish.usage, repair.finish.usage) };
}

/** The message that asks the model to correct itself, naming what was wrong. */
function repairTurn(request: GenerateRequest, reply: string, error: ValidationError): ChatMessage[] {
  return [
    ...request.messages,
    { role: 'assistant', content: reply },
    {
      role: 'user',
      content: `Your reply does not match the required JSON schema: ${error.message}. Reply again with only the corrected JSON object, nothing else.`,
    },
  ];
}

interface ValidationError {
  /** False when the text is not JSON at all, which is worse than JSON with a wrong field. */
  parsed: boolean;
  message: string;
}

type Attempt =
  | { kind: 'text'; text: string; parts: StreamPart[]; finish: Extract<StreamPart, { type: 'finish' }> }
  /** Ended in an error, a tool call or without finishing: passed on as it came. */
  | { kind: 'other'; parts: StreamPart[] };

async function collect(stream: AsyncIterable<StreamPart>): Promise<Attempt> {
  const parts: StreamPart[] = [];
  let text = '';
  for await (const part of stream) {
    parts.push(part);
    if (part.type === 'text-delta') text += part.text;
    else if (part.type === 'error') return { kind: 'other', parts };
    else if (part.type === 'finish')
      return part.reason === 'tool-calls'
        ? { kind: 'other', parts }
        : { kind: 'text', text, parts, finish: part };
  }
  return { kind: 'other', parts };
}

const invalidity = (error: ValidationError) => (error.parsed ? 1 : 2);

function addUsage(a: TokenUsage | undefined, b: TokenUsage | undefined): TokenUsage | undefined {
  if (!a || !b) return a ?? b;
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
  };
}

type Validator = (text: string) => ValidationError | undefined;

// Loaded with the first structured reply: a gateway that never sees one does not carry the validator.
let ajvLoaded: Promise<Ajv> | undefined;
const loadAjv = () => {
  ajvLoaded ??= Promise.all([import('ajv'), import('./linear-regexp.ts')]).then(
    ([{ Ajv }, { linearRegExp }]) =>
      new Ajv({ allErrors: true, strict: false, code: { regExp: linearRegExp } }),
  );
  return ajvLoaded;
};
const compiled = new Map<string, { schema: object; validate: ValidateFunction | undefined }>();
const maxCompiled = 200;

/** A check for the requested format; undefined when there is nothing to hold the reply to. */
async function validatorFor(
  format: NonNullable<GenerateRequest['responseFormat']>,
): Promise<Validator | undefined> {
  if (format.type !== 'json_schema')
    return checkJson((value) => (isObject(value) ? undefined : 'it must be a JSON object'));
  const schema = format.json_schema.schema;
  if (!schema) return undefined;
  const validate = await compile(schema);
  if (!validate) return undefined;
  return checkJson((value) => (validate(value) ? undefined : describe(validate.errors ?? [])));
}

const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** ajv's errors as a model can act on them: where, what, and the allowed values of an enum. */
function describe(errors: ErrorObject[]): string {
  return errors
    .map((error) => {
      const where = error.instancePath
        ? `"${error.instancePath.slice(1).replaceAll('/', '.')}"`
        : 'the object';
      const allowed =
        error.keyword === 'enum' ? ` (${(error.params.allowedValues as unknown[]).join(', ')})` : '';
      const extra = error.keyword === 'additionalProperties' ? ` ("${error.params.additionalProperty}")` : '';
      return `${where} ${error.message}${allowed}${extra}`;
    })
    .join('; ');
}

function checkJson(problemOf: (value: unknown) => string | undefined): Validator {
  return (text) => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return { parsed: false, message: `it is not valid JSON (${(error as Error).message})` };
    }
    const problem = problemOf(value);
    return problem === undefined ? undefined : { parsed: true, message: problem };
  };
}

/** Compiled once per distinct schema; a schema ajv cannot compile is left unchecked, as the backend saw it. */
async function compile(schema: Record<string, unknown>): Promise<ValidateFunction | undefined> {
  const key = JSON.stringify(schema);
  const known = compiled.get(key);
  if (known) return known.validate;
  const ajv = await loadAjv();
  let validate: ValidateFunction | undefined;
  try {
    validate = ajv.compile(schema);
  } catch {
    validate = undefined;
  }
  const [oldestKey, oldest] = compiled.entries().next().value ?? [];
  if (compiled.size >= maxCompiled && oldestKey !== undefined && oldest) {
    // ajv keeps its own cache of every compiled schema; let it go with ours.
    ajv.removeSchema(oldest.schema);
    compiled.delete(oldestKey);
  }
  compiled.set(key, { schema, validate });
  return validate;
}
