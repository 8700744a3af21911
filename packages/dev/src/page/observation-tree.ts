import type { LangfuseObservation } from '@threadline/testing';
import type { PriceTable } from '../prices/price-table';
import { html, type SafeHtml } from './html';
import { buildForest, type ObservationNode } from './observation-forest';
import { observationDetails, observationLine } from './observation-parts';

function node(n: ObservationNode, prices: PriceTable): SafeHtml {
  const o = n.observation;
  const hasDetails =
    o.input !== undefined ||
    o.output !== undefined ||
    !!o.statusMessage ||
    Object.keys(o.metadata).length > 0;
  const line = hasDetails
    ? html`<details data-key="obs-${o.id}"><summary>${observationLine(o, prices)}</summary>${observationDetails(o)}</details>`
    : observationLine(o, prices);
  const children =
    n.children.length > 0
      ? html`<ul class="obs">${n.children.map((child) => node(child, prices))}</ul>`
      : '';
  return html`<li>${line}${children}</li>`;
}

/**
 * The observations of a trace as a nested list (type, name, model, duration, tokens, cost);
 * a line with content expands to show it.
 */
export function renderObservationTree(
  observations: readonly LangfuseObservation[],
  prices: PriceTable,
): SafeHtml {
  return html`<ul class="obs root">${buildForest(observations).map((root) => node(root, prices))}</ul>`;
}
