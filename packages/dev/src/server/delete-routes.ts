import { href } from '../page/html';
import type { DevStore } from '../store/dev-store';
import type { DevView } from '../view/dev-view';
import { redirect, sendJson, sendNotFoundPage } from './http-response';
import type { LiveUpdate } from './live-events';
import { type Route, route } from './route-table';

/** Options of {@link deleteRoutes}. */
export interface DeleteRoutesOptions {
  store: DevStore;
  view: DevView;
  /** Tells open pages what was removed. */
  onChange: (update: LiveUpdate) => void;
}

/**
 * Removing a session or a trace: `DELETE /api/sessions/<id>` and `DELETE /api/traces/<id>` for
 * scripts, and the same as form posts (`POST /sessions/<id>/delete`) for the page, which work
 * without its script and answer with the page to go to next. A session goes with its traces,
 * scores and bookmark; a trace with its spans and scores.
 */
export function deleteRoutes({ store, view, onChange }: DeleteRoutesOptions): Route[] {
  const deleteSession = (sessionId: string): string[] | undefined => {
    const traceIds = view.traceIdsOfSession(sessionId);
    if (traceIds.length === 0) return undefined;
    store.deleteTraces(traceIds);
    store.forgetSession(sessionId);
    onChange({ traceIds, sessionIds: [sessionId] });
    return traceIds;
  };

  /** The trace's sessions (before), or `undefined` when there is no such trace. */
  const deleteTrace = (traceId: string): string[] | undefined => {
    if (!view.hasTrace(traceId)) return undefined;
    const sessionIds = view.sessionIdsOf([traceId]);
    store.deleteTraces([traceId]);
    onChange({ traceIds: [traceId], sessionIds });
    return sessionIds;
  };

  return [
    route({
      method: 'DELETE',
      path: '/api/sessions/:id',
      handle({ response, params }) {
        const traceIds = deleteSession(params.id);
        if (!traceIds) return sendJson(response, 404, { error: 'no such session' });
        sendJson(response, 200, { deleted: params.id, traceIds });
      },
    }),
    route({
      method: 'DELETE',
      path: '/api/traces/:id',
      handle({ response, params }) {
        if (!deleteTrace(params.id)) return sendJson(response, 404, { error: 'no such trace' });
        sendJson(response, 200, { deleted: params.id });
      },
    }),
    route({
      method: 'POST',
      path: '/sessions/:id/delete',
      handle({ response, params }) {
        if (!deleteSession(params.id)) {
          return sendNotFoundPage(response, `No session ${params.id} in the store.`);
        }
        redirect(response, '/');
      },
    }),
    route({
      method: 'POST',
      path: '/traces/:id/delete',
      handle({ response, params }) {
        const sessionIds = deleteTrace(params.id);
        if (!sessionIds) return sendNotFoundPage(response, `No trace ${params.id} in the store.`);
        // Back to the trace's session while it has traces left, else to the traces.
        const session = sessionIds.find((id) => view.traceIdsOfSession(id).length > 0);
        redirect(response, session !== undefined ? href('sessions', session) : '/traces');
      },
    }),
  ];
}
