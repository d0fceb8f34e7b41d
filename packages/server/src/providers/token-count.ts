/**
 * Exact token counts with OpenAI's current tokenizer (o200k_base), for prompts close to their budget.
 * Loaded on first use only (about a second and 75 MB), so a gateway whose threads stay short never pays
 * for it; long text is counted a slice at a time, so no count blocks other requests for long.
 */
const sliceChars = 8192;

let encoding: Promise<typeof import('gpt-tokenizer/encoding/o200k_base')> | undefined;

export async function countTokensExactly(text: string): Promise<number> {
  encoding ??= import('gpt-tokenizer/encoding/o200k_base');
  const { countTokens } = await encoding;
  if (text.length <= sliceChars) return countTokens(text);
  let total = 0;
  let start = 0;
  while (start < text.length) {
    // Cut at a space where there is one, so no word (and no surrogate pair) is split between slices.
    let end = Math.min(text.length, start + sliceChars);
    const space = end < text.length ? text.lastIndexOf(' ', end) : -1;
    if (space > start) end = space;
    else if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end--;
    total += countTokens(text.slice(start, end));
    start = end;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return total;
}
