import { HaruApiError } from '@haru/client';
import { MutationCache, QueryCache } from '@tanstack/react-query';

/** The gateway no longer knows this device's token: it was signed out, perhaps from another device. */
export const isSignedOut = (error: unknown): boolean => error instanceof HaruApiError && error.status === 401;

/**
 * Query and mutation caches that report a signed-out device the moment any server call finds out,
 * so that no screen is left showing the gateway's "Incorrect API key" answer forever.
 */
export function cachesReportingSignOut(onSignedOut: () => void) {
  const onError = (error: unknown) => {
    if (isSignedOut(error)) onSignedOut();
  };
  return { queryCache: new QueryCache({ onError }), mutationCache: new MutationCache({ onError }) };
}
