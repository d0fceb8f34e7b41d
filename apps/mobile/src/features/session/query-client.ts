import { HaruConnectionError } from '@haru/client';
import { QueryClient } from '@tanstack/react-query';

/**
 * Server state for every screen. A connection that failed is tried twice more; an error answer is
 * shown at once, as asking again cannot change it.
 */
export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failures, error) => error instanceof HaruConnectionError && failures < 2,
        retryDelay: (attempt) => 500 * 2 ** attempt,
        staleTime: 30_000,
      },
    },
  });
}
