import type { EndpointHandler } from './reply-plan';

/** The models GET /v1/models lists. */
export const MOCK_MODEL_IDS: readonly string[] = [
  'gpt-4o-mini',
  'gpt-4o',
  'gpt-3.5-turbo-instruct',
  'text-embedding-3-small',
];

// A fixed date: model objects carry when the model was published, not when it was listed.
const MODEL_CREATED = 1_715_367_049;

function modelObject(id: string) {
  return { id, object: 'model', created: MODEL_CREATED, owned_by: 'system' };
}

/** GET /v1/models: a small fixed list. */
export const listModels: EndpointHandler = () => ({
  kind: 'json',
  status: 200,
  body: { object: 'list', data: MOCK_MODEL_IDS.map(modelObject) },
});

/** GET /v1/models/{id}: any id is a model (the mock has no catalogue to miss). */
export function retrieveModel(id: string): EndpointHandler {
  return () => ({ kind: 'json', status: 200, body: modelObject(id) });
}
