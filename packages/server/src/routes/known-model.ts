import { badRequest } from '../errors.ts';
import type { ModelCatalog } from '../providers/model-catalog.ts';
import { unknownModelMessage } from '../providers/model-router.ts';

/** Refuses a model no backend answers, before anything is stored, naming the models that are configured. */
export function requireKnownModel(models: ModelCatalog, model: string | undefined): void {
  if (model === undefined || models.find(model)) return;
  throw badRequest(unknownModelMessage(model, models.names()), 'model', 'model_not_found');
}
