/**
 * A token count for backends that report none: about four characters per token for Latin text and one
 * per Hangul syllable, close enough for usage figures.
 */
export function estimateTokens(text: string): number {
  const hangul = text.match(/[\uac00-\ud7a3]/g)?.length ?? 0;
  return Math.max(1, Math.ceil(hangul + (text.length - hangul) / 4));
}
