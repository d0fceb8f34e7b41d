import type { RegExpEngine } from 'ajv/dist/types/index.js';
import { RE2JS } from 're2js';

/**
 * The pattern engine for the JSON schemas apps send: RE2 matches in time linear in the text, where a
 * JavaScript RegExp such as `^(a+)+$` backtracks for minutes on forty characters and would hold the
 * event loop for every user. A pattern RE2 cannot read (lookaround, backreferences) holds nothing
 * back rather than failing the whole schema.
 */
export const linearRegExp: RegExpEngine = Object.assign(
  (pattern: string) => {
    try {
      const compiled = RE2JS.compile(pattern);
      return { test: (text: string) => compiled.matcher(text).find() };
    } catch {
      return { test: () => true };
    }
  },
  { code: 'linearRegExp' },
);
