import type { Kysely } from 'kysely';
import type { Thread } from '../schemas/thread.ts';
import { ownedObjects } from './owned-objects.ts';
import type { Tables } from './tables.ts';

export const threadStore = (db: Kysely<Tables>) => ownedObjects<Thread>(db, 'threads');
