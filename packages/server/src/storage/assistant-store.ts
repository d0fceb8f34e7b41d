import type { Kysely } from 'kysely';
import type { Assistant } from '../schemas/assistant.ts';
import { ownedObjects } from './owned-objects.ts';
import type { Tables } from './tables.ts';

export const assistantStore = (db: Kysely<Tables>) => ownedObjects<Assistant>(db, 'assistants');
