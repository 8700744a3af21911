import type { Pricing } from '../prices/pricing';
import type { TraceDetail } from '../view/dev-view';
import { deleteControl } from './delete-control';
import { costTitle, formatCost, formatCount, formatDuration, formatTime } from './format';
import { href, html, type SafeHtml } from './html';
import { scorePanel } from './score-panel';
import { renderWaterfall } from './waterfall';

function meta(label: string, value: SafeHtml | string): SafeHtml {
  return html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
}

/** One trace: its Langfuse fields, scores, and the waterfall of its observations. */
export function renderTracePage({
  detail,
  prices,
}: {
  detail: TraceDetail;
  prices: Pricing;
}): SafeHtml {
  const { trace, summary, scores } = detail;
  const metadata = Object.entries(trace.metadata);
  return html`<div class="title-row"><h1>${trace.name}</h1><div class="actions">${deleteControl({ what: 'trace', id: trace.id, detail: `its ${formatCount(summary.observations)} spans and scores` })}</div></div>
<p class="sub mono">trace ${trace.id}</p>
<dl class="meta panel">
${meta('Session', trace.sessionId !== undefined ? html`<a href="${href('sessions', trace.sessionId)}">${trace.sessionId}</a>` : '–')}
${meta('User', trace.userId ?? '–')}
${meta('Start', formatTime(summary.start))}
${meta('Duration', formatDuration(summary.end - summary.start))}
${meta('Observations', formatCount(summary.observations))}
${meta('Tokens', `${formatCount(summary.tokens.total)} (${formatCount(summary.tokens.input)} in · ${formatCount(summary.tokens.output)} out)`)}
${meta('Errors', formatCount(summary.errors))}
${meta('Cost', html`<span title="${costTitle(summary.cost)}">${formatCost(summary.cost)}</span>`)}
${meta('Environment', trace.environment)}
${trace.release !== undefined ? meta('Release', trace.release) : ''}
${trace.version !== undefined ? meta('Version', trace.version) : ''}
${trace.tags.length > 0 ? meta('Tags', html`${trace.tags.map((t) => html`<span class="tag">${t}</span>`)}`) : ''}
${metadata.length > 0 ? meta('Metadata', html`${metadata.map(([k, v]) => html`<span class="tag">${k}: ${v}</span>`)}`) : ''}
</dl>
${scorePanel({ targetType: 'trace', targetId: trace.id, scores })}
<h2>Timeline</h2>
${renderWaterfall(trace, prices)}
<p class="note">Click a row to see its input, output and metadata; the count before a name shows or hides the spans under it.</p>`;
}
