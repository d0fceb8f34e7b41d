import type { IncomingMessage } from 'node:http';
import { createMiddleware } from 'hono/factory';
import { badRequest } from '../errors.ts';

/** Deeper than any request OpenAI documents; deep enough for real JSON schemas. */
export const maxJsonDepth = 64;

/**
 * Refuses JSON bodies nested deeper than `maxJsonDepth` (deep values failed further in, in the database's
 * JSON functions) and bodies with a `__proto__` key, which JavaScript objects cannot hold as data.
 */
export const jsonBodyShape = createMiddleware<{ Bindings: { incoming?: IncomingMessage } }>(
  async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return next();
    if (!c.req.header('content-type')?.toLowerCase().includes('json')) return next();
    const raw = (c.env?.incoming as { rawBody?: Buffer } | undefined)?.rawBody;
    const text = raw ? raw.toString('utf8') : await c.req.raw.clone().text();
    if (nestingDepth(text) > maxJsonDepth) {
      throw badRequest(
        `The JSON body is nested more than ${maxJsonDepth} levels deep.`,
        null,
        'invalid_value',
      );
    }
    // Only text that could spell the key (plainly or through escapes) is parsed again to look.
    if ((text.includes('__proto__') || text.includes('\\u')) && hasProtoKey(text)) {
      throw badRequest(
        'Keys named "__proto__" are not accepted anywhere in a request body.',
        null,
        'invalid_value',
      );
    }
    return next();
  },
);

function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 92 /* \ */) i++;
      else if (code === 34 /* " */) inString = false;
    } else if (code === 34) inString = true;
    else if (code === 123 /* { */ || code === 91 /* [ */) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > maxJsonDepth) return deepest;
    } else if (code === 125 /* } */ || code === 93 /* ] */) depth--;
  }
  return deepest;
}

function hasProtoKey(text: string): boolean {
  let found = false;
  try {
    JSON.parse(text, (key, value) => {
      if (key === '__proto__') found = true;
      return value;
    });
  } catch {
    // Malformed JSON is the body parser's to refuse, with its own message.
  }
  return found;
}
