import type { Metadata } from '../schemas/common.ts';
import type { Database } from './database.ts';
import { inTransaction, type Stores } from './stores.ts';

/**
 * Replaces an object's metadata (left out: unchanged; null: emptied), reading and writing in one
 * transaction so that a run finishing meanwhile keeps everything else it wrote.
 */
export function setMetadata<T extends { metadata: Metadata }>(
  db: Database,
  metadata: Metadata | null | undefined,
  find: (stores: Stores) => Promise<T>,
  save: (stores: Stores, object: T) => Promise<void>,
): Promise<T> {
  return inTransaction(db, async (stores) => {
    const existing = await find(stores);
    if (metadata === undefined) return existing;
    const modified = { ...existing, metadata: metadata ?? {} };
    await save(stores, modified);
    return modified;
  });
}
