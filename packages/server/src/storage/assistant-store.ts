import type { Kysely } from 'kysely';
import type { Assistant } from '../schemas/assistant.ts';
import type { ListQuery } from '../schemas/common.ts';
import { ownedObjects } from './owned-objects.ts';
import { listPage } from './pages.ts';
import type { Tables } from './tables.ts';

/** The owner of the assistants the gateway shares with every user (Haru's companion and diarist). */
export const sharedOwnerId = 'user_haru_shared';

export function assistantStore(db: Kysely<Tables>) {
  const objects = ownedObjects<Assistant>(db, 'assistants');
  return {
    ...objects,

    /** The user's own assistant, or one the gateway shares with everyone. */
    async findVisible(userId: string, id: string): Promise<Assistant | undefined> {
      return (await objects.find(userId, id)) ?? (await objects.find(sharedOwnerId, id));
    },

    listVisible: (userId: string, query: ListQuery) =>
      listPage<Assistant>(db, 'assistants', { columns: { user_id: [userId, sharedOwnerId] } }, query),
  };
}
