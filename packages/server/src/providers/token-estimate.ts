/**
 * A token count for backends that report none: about four characters per token for Latin text and one
 * per Hangul syllable, close enough for usage figures and prompt budgets.
 */
export function estimateTokens(text: string): number {
  let hangul = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xac00 && code <= 0xd7a3) hangul++;
  }
  return Math.max(1, Math.ceil(hangul + (text.length - hangul) / 4));
}
