import type { PageLinks } from '../server/list-params';
import { TOKEN_HEADER } from '../server/request-guard';
import type { Facets, SessionFilter, SessionSummary } from '../view/dev-view';
import type { ListPage } from '../view/keyset-page';
import { costTitle, formatCost, formatCount, formatDuration, formatTime } from './format';
import { href, html, type SafeHtml } from './html';
import { pageRange, renderPager } from './pager';
import { scoreChips } from './score-panel';

/** Options of {@link renderSessionsPage}. */
export interface SessionsPageOptions {
  /** The page of the filtered list shown. */
  page: ListPage<SessionSummary>;
  links: PageLinks;
  /** Sessions before filtering. */
  total: number;
  facets: Facets;
  filter: SessionFilter;
  /** The base URL exporters should use, for the empty state. */
  otlpUrl: string;
  /** The token exporters must send (a non-loopback `--host`), for the empty state. */
  token?: string;
}

/**
 * Values a filter menu lists; a store with more users or tags than this would make every page
 * of the list carry them all. The search box finds the others.
 */
export const MAX_FILTER_OPTIONS = 200;

function select(name: string, label: string, values: readonly string[], chosen?: string): SafeHtml {
  const listed = values.slice(0, MAX_FILTER_OPTIONS);
  // The chosen value stays selectable even when it is not among the listed ones.
  if (chosen !== undefined && values.includes(chosen) && !listed.includes(chosen)) {
    listed.push(chosen);
  }
  const more = values.length - listed.length;
  return html`<select name="${name}" aria-label="${label}"><option value="">${label}: all</option>${listed.map(
    (value) =>
      html`<option value="${value}"${value === chosen ? html` selected` : ''}>${value}</option>`,
  )}${more > 0 ? html`<option disabled>… ${formatCount(more)} more: use the search</option>` : ''}</select>`;
}

/**
 * How to send spans here, shown while the store is empty. With a token, the exporter must send
 * it too: whoever sees this page has it already.
 */
export function gettingStarted(otlpUrl: string, token?: string): SafeHtml {
  return html`<div class="empty panel">
<p><strong>No sessions yet.</strong></p>
<p>Export your app's spans here: <code>OTEL_EXPORTER_OTLP_ENDPOINT=${otlpUrl}</code>${
    token !== undefined
      ? html`<br>with the token: <code>OTEL_EXPORTER_OTLP_HEADERS=${TOKEN_HEADER}=${token}</code>`
      : ''
  }</p>
<p>and run its work inside <code>propagateAttributes({ sessionId, userId }, …)</code> from <code>@threadline/core</code>.</p>
</div>`;
}

/** The sessions list: search, filters, one page of rows, links to the pages around it. */
export function renderSessionsPage({
  page,
  links,
  total,
  facets,
  filter,
  otlpUrl,
  token,
}: SessionsPageOptions): SafeHtml {
  const rows = page.items.map(
    (s) => html`<tr data-session="${s.id}">
<td><button type="button" class="star${s.bookmarked ? ' on' : ''}" data-bookmark="${s.id}" data-on="${s.bookmarked ? '1' : ''}" title="${s.bookmarked ? 'Remove bookmark' : 'Bookmark'}" aria-label="Bookmark">${s.bookmarked ? '★' : '☆'}</button></td>
<td class="id"><a href="${href('sessions', s.id)}">${s.id}</a>${s.preview ? html`<span class="preview">${s.preview}</span>` : ''}${
      s.tags.length > 0
        ? html`<div>${s.tags.map((t) => html`<span class="tag">${t}</span>`)}</div>`
        : ''
    }</td>
<td>${s.userIds.map((u) => html`<a href="/?user=${encodeURIComponent(u)}">${u}</a> `)}</td>
<td class="num">${formatTime(s.start)}</td>
<td class="num">${formatTime(s.end)}</td>
<td class="num">${formatDuration(s.end - s.start)}</td>
<td class="num">${formatCount(s.traces)}</td>
<td class="num" title="${formatCount(s.tokens.input)} in · ${formatCount(s.tokens.output)} out">${formatCount(s.tokens.total)}</td>
<td class="num${s.errors > 0 ? ' errors' : ''}">${formatCount(s.errors)}</td>
<td class="num" title="${costTitle(s.cost)}">${formatCost(s.cost)}</td>
<td>${scoreChips(s.scores)}</td>
</tr>`,
  );
  const filtered =
    filter.q || filter.user || filter.tag || filter.environment || filter.bookmarkedOnly;
  return html`<h1>Sessions</h1>
<p class="sub" data-testid="list-count">${pageRange(page)} session${page.total === 1 ? '' : 's'}${filtered ? html` (${formatCount(total)} before filtering)` : ''} · bookmarked first, then the most recent</p>
<form class="filters" method="get" action="/" data-autosubmit>
<input type="search" name="q" value="${filter.q ?? ''}" placeholder="Search sessions, users, tags, messages" aria-label="Search">
${select('user', 'User', facets.users, filter.user)}
${select('tag', 'Tag', facets.tags, filter.tag)}
${select('environment', 'Environment', facets.environments, filter.environment)}
<label class="check"><input type="checkbox" name="bookmarked" value="1"${filter.bookmarkedOnly ? html` checked` : ''}> Bookmarked only</label>
<button type="submit">Filter</button>${filtered ? html` <a href="/">Clear</a>` : ''}
</form>
${
  total === 0
    ? gettingStarted(otlpUrl, token)
    : page.total === 0
      ? html`<div class="empty panel">No session matches these filters.</div>`
      : html`<div class="panel"><table data-testid="sessions">
<thead><tr><th></th><th>Session</th><th>Users</th><th class="num">First</th><th class="num">Last</th><th class="num">Duration</th><th class="num">Traces</th><th class="num">Tokens</th><th class="num">Errors</th><th class="num">Cost</th><th>Scores</th></tr></thead>
<tbody>${rows}</tbody></table></div>
${renderPager(page, links, 'sessions')}`
}`;
}
