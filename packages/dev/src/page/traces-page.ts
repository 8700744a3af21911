import type { PageLinks } from '../server/list-params';
import type { Score } from '../store/score';
import type { ListPage } from '../view/keyset-page';
import type { TraceSummary } from '../view/trace-summary';
import { costTitle, formatCost, formatCount, formatDuration, formatTime } from './format';
import { href, html, type SafeHtml } from './html';
import { pageRange, renderPager } from './pager';
import { scoreChips } from './score-panel';

/** Options of {@link renderTracesPage}. */
export interface TracesPageOptions {
  /** One page of every trace, newest first. */
  page: ListPage<TraceSummary>;
  links: PageLinks;
  scores: ReadonlyMap<string, Score[]>;
}

/** Every trace, newest first, including those that belong to no session; one page at a time. */
export function renderTracesPage({ page, links, scores }: TracesPageOptions): SafeHtml {
  return html`<h1>Traces</h1>
<p class="sub" data-testid="list-count">${pageRange(page)} trace${page.total === 1 ? '' : 's'}, newest first</p>
${
  page.total === 0
    ? html`<div class="empty panel">No traces yet.</div>`
    : html`<div class="panel"><table data-testid="traces">
<thead><tr><th>Trace</th><th>Session</th><th>User</th><th class="num">Start</th><th class="num">Duration</th><th class="num">Spans</th><th class="num">Tokens</th><th class="num">Errors</th><th class="num">Cost</th><th>Scores</th></tr></thead>
<tbody>${page.items.map(
        (t) => html`<tr data-trace="${t.id}">
<td class="id"><a href="${href('traces', t.id)}">${t.name}</a>${t.preview ? html`<span class="preview">${t.preview}</span>` : ''}</td>
<td class="id">${t.sessionId !== undefined ? html`<a href="${href('sessions', t.sessionId)}">${t.sessionId}</a>` : html`<span class="sub">–</span>`}</td>
<td class="id">${t.userId ?? '–'}</td>
<td class="num">${formatTime(t.start)}</td>
<td class="num">${formatDuration(t.end - t.start)}</td>
<td class="num">${formatCount(t.observations)}</td>
<td class="num">${formatCount(t.tokens.total)}</td>
<td class="num${t.errors > 0 ? ' errors' : ''}">${formatCount(t.errors)}</td>
<td class="num" title="${costTitle(t.cost)}">${formatCost(t.cost)}</td>
<td>${scoreChips(scores.get(t.id) ?? [])}</td>
</tr>`,
      )}</tbody></table></div>
${renderPager(page, links, 'traces')}`
}`;
}
