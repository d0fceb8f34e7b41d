import { HaruConnectionError } from '@haru/client';
import { QueryClient } from '@tanstack/react-query';
import { cachesReportingSignOut } from './signed-out';

/**
 * Server state for every screen. A connection that failed is tried twice more; an error answer is
 * shown at once, as asking again cannot change it. A call that finds this device signed out says so.
 */
export function createQueryClient(onSignedOut: () => void) {
  return new QueryClient({
    ...cachesReportingSignOut(onSignedOut),
    defaultOptions: {
      queries: {
        retry: (failures, error) => error instanceof HaruConnectionError && failures < 2,
        retryDelay: (attempt) => 500 * 2 ** attempt,
        staleTime: 30_000,
      },
    },
  });
}
