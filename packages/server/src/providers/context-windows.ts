/**
 * Published context windows (input and output tokens together) of the vendors' model families, by name
 * prefix, more specific first. A route's `contextWindow` in the routing file overrides these.
 */
const knownWindows: Array<[prefix: string, tokens: number]> = [
  ['gpt-4.1', 1_047_576],
  ['gpt-5', 400_000],
  ['gpt-4o', 128_000],
  ['chatgpt-4o', 128_000],
  ['gpt-4-turbo', 128_000],
  ['gpt-4.5', 128_000],
  ['gpt-4', 8_192],
  ['gpt-3.5-turbo', 16_385],
  ['o1', 200_000],
  ['o3', 200_000],
  ['o4', 200_000],
  ['claude-', 200_000],
  ['gemini-', 1_048_576],
];

export function knownContextWindow(model: string): number | undefined {
  return knownWindows.find(([prefix]) => model.startsWith(prefix))?.[1];
}
