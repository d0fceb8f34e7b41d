import { badRequest } from '../errors.ts';
import type { Assistant } from '../schemas/assistant.ts';

/** How a client tells a shared assistant (visible to all, changeable by none) from its own. */
export const sharedMarker = { haru_shared: 'true' } as const;

export function markedShared(assistant: Assistant): Assistant {
  const metadata = { ...assistant.metadata, ...sharedMarker };
  if (Object.keys(metadata).length > 16) {
    throw badRequest(
      'A shared assistant keeps one metadata pair for `haru_shared`: send at most 15.',
      'metadata',
    );
  }
  return { ...assistant, metadata };
}
