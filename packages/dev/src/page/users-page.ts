import type { PageLinks } from '../server/list-params';
import type { UserSummary } from '../view/dev-view';
import type { ListPage } from '../view/keyset-page';
import { costTitle, formatCost, formatCount, formatTime } from './format';
import { html, type SafeHtml } from './html';
import { pageRange, renderPager } from './pager';

/** Options of {@link renderUsersPage}. */
export interface UsersPageOptions {
  /** One page of the users, the most recently seen first. */
  page: ListPage<UserSummary>;
  links: PageLinks;
}

/**
 * The users list, one page at a time. Figures follow Langfuse: a user's traces, tokens and
 * errors count the observations that carry that user themselves.
 */
export function renderUsersPage({ page, links }: UsersPageOptions): SafeHtml {
  return html`<h1>Users</h1>
<p class="sub" data-testid="list-count">${pageRange(page)} user${page.total === 1 ? '' : 's'} · figures count the spans that carry the user, as Langfuse does</p>
${
  page.total === 0
    ? html`<div class="empty panel">No users yet: run your app's work inside <code>propagateAttributes({ userId }, …)</code>.</div>`
    : html`<div class="panel"><table data-testid="users">
<thead><tr><th>User</th><th class="num">Sessions</th><th class="num">Traces</th><th class="num">Observations</th><th class="num">Input tokens</th><th class="num">Output tokens</th><th class="num">Total tokens</th><th class="num">Errors</th><th class="num">Cost</th><th class="num">First seen</th><th class="num">Last seen</th></tr></thead>
<tbody>${page.items.map(
        (u) => html`<tr data-user="${u.id}">
<td class="id"><a href="/?user=${encodeURIComponent(u.id)}">${u.id}</a></td>
<td class="num">${formatCount(u.sessions)}</td>
<td class="num">${formatCount(u.traces)}</td>
<td class="num">${formatCount(u.observations)}</td>
<td class="num">${formatCount(u.tokens.input)}</td>
<td class="num">${formatCount(u.tokens.output)}</td>
<td class="num">${formatCount(u.tokens.total)}</td>
<td class="num${u.errors > 0 ? ' errors' : ''}">${formatCount(u.errors)}</td>
<td class="num" title="${costTitle(u.cost)}">${formatCost(u.cost)}</td>
<td class="num">${formatTime(u.firstSeen)}</td>
<td class="num">${formatTime(u.lastSeen)}</td>
</tr>`,
      )}</tbody></table></div>
${renderPager(page, links, 'users')}`
}`;
}
