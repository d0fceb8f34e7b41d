import { badRequest } from '../errors.ts';
import type { Assistant } from '../schemas/assistant.ts';

/** How a client tells a shared assistant (visible to all, changeable by none) from its own. */
export const sharedMarker = { haru_shared: 'true' } as const;

/**
 * On one of Haru's own assistants the owner changed: a restart no longer refreshes it to the built-in
 * definition, so the owner's instructions and model stay. Deleting it brings the built-in one back.
 */
export const customizedMarker = { haru_customized: 'true' } as const;

export function markedShared(assistant: Assistant, customizedBuiltIn = false): Assistant {
  const markers = { ...sharedMarker, ...(customizedBuiltIn && customizedMarker) };
  const metadata = { ...assistant.metadata, ...markers };
  const names = Object.keys(markers);
  if (Object.keys(metadata).length > 16) {
    throw badRequest(
      `A shared assistant keeps metadata for ${names.map((name) => `\`${name}\``).join(' and ')}: send at most ${16 - names.length} pairs.`,
      'metadata',
    );
  }
  return { ...assistant, metadata };
}
