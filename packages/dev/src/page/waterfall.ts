import type { LangfuseTrace } from '@threadline/testing';
import type { PriceTable } from '../prices/price-table';
import { formatDuration } from './format';
import { html, type SafeHtml } from './html';
import { buildForest, flattenForest } from './observation-forest';
import { observationDetails, observationLine, typeBadge } from './observation-parts';

const KNOWN_TYPES = ['generation', 'tool', 'agent', 'chain', 'retriever', 'embedding'];

function percent(n: number): string {
  return `${Math.max(0, Math.min(100, n)).toFixed(3)}%`;
}

/**
 * The trace as a timeline: one row per observation in tree order, indented by depth, with a
 * bar placed at its start and as long as its duration. A row expands to its content.
 */
export function renderWaterfall(trace: LangfuseTrace, prices: PriceTable): SafeHtml {
  const rows = flattenForest(buildForest(trace.observations));
  const times = trace.observations.flatMap((o) => [o.startTime, o.endTime]).filter(Number.isFinite);
  const start = times.length > 0 ? Math.min(...times) : 0;
  const end = times.length > 0 ? Math.max(...times) : 0;
  // A trace of zero length still gets a scale, so its bars stay visible.
  const total = Math.max(end - start, 0.001);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => html`<span>${formatDuration(total * f)}</span>`);
  return html`<div class="waterfall panel" data-testid="waterfall">
<div class="wf-axis"><span>Observation</span><div class="ticks">${ticks}</div><span class="wf-dur">Duration</span></div>
${rows.map(({ observation: o, depth }) => {
  const left = ((o.startTime - start) / total) * 100;
  const width = ((o.endTime - o.startTime) / total) * 100;
  const type = KNOWN_TYPES.includes(o.type) ? o.type : 'span';
  return html`<details class="wf-item" data-key="wf-${o.id}"><summary><div class="wf-row" data-observation="${o.id}">
<div class="wf-label" style="padding-left:${depth * 16}px">${typeBadge(o.type)}<span class="name" title="${o.name}">${o.name}</span></div>
<div class="wf-track"><div class="wf-bar ${type}${o.level === 'ERROR' ? ' error' : ''}" style="left:${percent(left)};width:${percent(width)}"></div></div>
<div class="wf-dur">${formatDuration(o.endTime - o.startTime)}</div>
</div></summary><div class="wf-detail">${observationLine(o, prices)}${observationDetails(o)}</div></details>`;
})}
</div>`;
}
