import type { LangfuseObservation } from '@threadline/read-model';
import type { Pricing } from '../prices/pricing';
import { html, type SafeHtml } from './html';
import { buildForest, type ObservationNode } from './observation-forest';
import { observationDetails, observationLine } from './observation-parts';

// A chat app resends the history on every call, so a long session repeats it in every turn:
// the replay shows the start of each input and output, the trace page shows more.
const REPLAY_CONTENT_CHARS = 1_500;

function node(n: ObservationNode, prices: Pricing, links: boolean): SafeHtml {
  const o = n.observation;
  const hasDetails =
    o.input !== undefined ||
    o.output !== undefined ||
    !!o.statusMessage ||
    Object.keys(o.metadata).length > 0;
  const line = hasDetails
    ? html`<details data-key="obs-${o.id}"><summary>${observationLine(o, prices)}</summary>${observationDetails(o, REPLAY_CONTENT_CHARS, links)}</details>`
    : observationLine(o, prices);
  const children =
    n.children.length > 0
      ? html`<ul class="obs">${n.children.map((child) => node(child, prices, links))}</ul>`
      : '';
  return html`<li>${line}${children}</li>`;
}

/**
 * The observations of a trace as a nested list (type, name, model, duration, tokens, cost);
 * a line with content expands to show it. With `links`, clipped content links to its whole text.
 */
export function renderObservationTree(
  observations: readonly LangfuseObservation[],
  prices: Pricing,
  links = true,
): SafeHtml {
  return html`<ul class="obs root">${buildForest(observations).map((root) => node(root, prices, links))}</ul>`;
}
