import type { Kysely } from 'kysely';
import type { RunStep } from '../schemas/step.ts';
import { ownedObjects } from './owned-objects.ts';
import type { Tables } from './tables.ts';

export function runStepStore(db: Kysely<Tables>) {
  const objects = ownedObjects<RunStep>(db, 'run_steps');
  const columns = (step: RunStep) => ({ thread_id: step.thread_id, run_id: step.run_id });
  return {
    ...objects,
    insert: (userId: string, step: RunStep) => objects.insert(userId, step, columns(step)),
    update: (userId: string, step: RunStep) => objects.update(userId, step, columns(step)),
  };
}
