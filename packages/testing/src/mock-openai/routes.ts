import { chatCompletions } from './chat-completions';
import { embeddings } from './embeddings';
import { legacyCompletions } from './legacy-completions';
import { listModels, retrieveModel } from './models';
import type { EndpointHandler } from './reply-plan';
import { responsesApi } from './responses-api';

// A Map, not an object literal: a path like `/constructor` must not find a prototype member.
const POST_ROUTES = new Map<string, EndpointHandler>([
  ['/v1/chat/completions', chatCompletions],
  ['/v1/responses', responsesApi],
  ['/v1/embeddings', embeddings],
  ['/v1/completions', legacyCompletions],
]);

const MODEL_PATH = /^\/v1\/models\/([^/]+)$/;

/** The endpoint that answers `method path`, or `undefined` for a 404. */
export function findRoute(method: string, path: string): EndpointHandler | undefined {
  if (method === 'POST') return POST_ROUTES.get(path);
  if (method !== 'GET') return undefined;
  if (path === '/v1/models') return listModels;
  const model = MODEL_PATH.exec(path);
  if (!model) return undefined;
  try {
    return retrieveModel(decodeURIComponent(model[1]!));
  } catch {
    return undefined; // a malformed escape is no model id
  }
}
