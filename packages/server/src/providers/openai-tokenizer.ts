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
  return (await tokenizer(encoding)).encode(text, [], []).length;
}
