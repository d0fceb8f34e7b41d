import type { Tiktoken } from 'js-tiktoken/lite';

type Encoding = 'o200k_base' | 'cl100k_base';

/** OpenAI's models by name prefix, newest families first; other names have no known tokenizer here. */
const encodings: Array<[prefix: string, encoding: Encoding]> = [
  ['gpt-4o', 'o200k_base'],
  ['chatgpt-4o', 'o200k_base'],
  ['gpt-4.1', 'o200k_base'],
  ['gpt-4.5', 'o200k_base'],
  ['gpt-5', 'o200k_base'],
  ['o1', 'o200k_base'],
  ['o3', 'o200k_base'],
  ['o4', 'o200k_base'],
  ['gpt-4', 'cl100k_base'],
  ['gpt-3.5', 'cl100k_base'],
];

const loaded = new Map<Encoding, Promise<Tiktoken>>();

/** Each encoding's table is megabytes of JavaScript, so it is loaded the first time a model needs it. */
function tokenizer(encoding: Encoding): Promise<Tiktoken> {
  let pending = loaded.get(encoding);
  if (!pending) {
    pending = (async () => {
      const { Tiktoken } = await import('js-tiktoken/lite');
      const ranks =
        encoding === 'o200k_base'
          ? (await import('js-tiktoken/ranks/o200k_base')).default
          : (await import('js-tiktoken/ranks/cl100k_base')).default;
      return new Tiktoken(ranks);
    })();
    loaded.set(encoding, pending);
  }
  return pending;
}

/** `text` in an OpenAI model's own tokens, or undefined for a model whose tokenizer is not known. */
export async function countOpenAITokens(model: string, text: string): Promise<number | undefined> {
  const encoding = encodings.find(([prefix]) => model.startsWith(prefix))?.[1];
  if (!encoding) return undefined;
  return countInSlices(await tokenizer(encoding), text);
}

/** `text` in OpenAI's current tokens (o200k), the closest common measure for a model with no tokenizer here. */
export async function countTokensLikeOpenAI(text: string): Promise<number> {
  return countInSlices(await tokenizer('o200k_base'), text);
}

const sliceChars = 8192;

/** Long text is counted a slice at a time, cut at spaces, so no count blocks other requests for long. */
async function countInSlices(encoder: Tiktoken, text: string): Promise<number> {
  if (text.length <= sliceChars) return encoder.encode(text, [], []).length;
  let total = 0;
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + sliceChars);
    const space = end < text.length ? text.lastIndexOf(' ', end) : -1;
    if (space > start) end = space;
    else if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end--;
    total += encoder.encode(text.slice(start, end), [], []).length;
    start = end;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return total;
}
