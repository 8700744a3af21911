import { contentText } from '../page/observation-parts';
import { renderWaterfallDetail, renderWaterfallRows } from '../page/waterfall';
import type { Pricing } from '../prices/pricing';
import { assistantTurnText, userTurnText } from '../view/conversation-text';
import type { DevView } from '../view/dev-view';
import { sendHtml, sendText } from './http-response';
import { type Route, route } from './route-table';

/** Options of {@link contentRoutes}. */
export interface ContentRoutesOptions {
  view: DevView;
  prices: Pricing;
}

const FIELDS = ['input', 'output', 'status'] as const;

/**
 * What pages load on demand, so no page has to carry it: a big trace's waterfall rows and row
 * content as HTML fragments, and the whole text of a value the page shows clipped.
 */
export function contentRoutes({ view, prices }: ContentRoutesOptions): Route[] {
  return [
    route({
      method: 'GET',
      path: '/traces/:id/rows',
      handle({ response, params, url }) {
        const detail = view.trace(params.id);
        const parent = url.searchParams.get('parent') ?? undefined;
        const fromText = url.searchParams.get('from') ?? '0';
        if (!/^\d{1,9}$/.test(fromText))
          return sendText(response, 400, 'from must be a row number');
        const rows = detail && renderWaterfallRows(detail.trace, prices, parent, Number(fromText));
        if (!rows) return sendText(response, 404, 'no such trace or observation');
        sendHtml(response, rows.value);
      },
    }),
    route({
      method: 'GET',
      path: '/traces/:id/observations/:observationId',
      handle({ response, params }) {
        const detail = view.trace(params.id);
        const content = detail && renderWaterfallDetail(detail.trace, params.observationId, prices);
        if (!content) return sendText(response, 404, 'no such trace or observation');
        sendHtml(response, content.value);
      },
    }),
    route({
      method: 'GET',
      path: '/traces/:id/observations/:observationId/:field',
      handle({ response, params }) {
        const field = FIELDS.find((name) => name === params.field);
        const observation = view
          .trace(params.id)
          ?.trace.observations.find((o) => o.id === params.observationId);
        const value =
          field === 'status' ? observation?.statusMessage : field && observation?.[field];
        if (value === undefined) return sendText(response, 404, 'no such value');
        sendText(response, 200, contentText(value));
      },
    }),
    route({
      method: 'GET',
      path: '/traces/:id/turn/:role',
      handle({ response, params }) {
        const trace = view.trace(params.id)?.trace;
        const text =
          trace &&
          (params.role === 'user'
            ? userTurnText(trace)
            : params.role === 'assistant'
              ? assistantTurnText(trace)
              : undefined);
        if (text === undefined) return sendText(response, 404, 'no such text');
        sendText(response, 200, text);
      },
    }),
  ];
}
