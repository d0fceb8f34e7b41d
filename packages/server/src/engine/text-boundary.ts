/**
 * Splits streamed text so no event ends inside a UTF-16 surrogate pair: an emoji whose halves arrive in
 * different upstream chunks is sent whole in the next event.
 */
export function splitAtCharacterBoundary(text: string): { complete: string; carry: string } {
  const last = text.charCodeAt(text.length - 1);
  const endsWithHighSurrogate = last >= 0xd800 && last <= 0xdbff;
  return endsWithHighSurrogate
    ? { complete: text.slice(0, -1), carry: text.slice(-1) }
    : { complete: text, carry: '' };
}
