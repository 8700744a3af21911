import type { PageLinks } from '../server/list-params';
import type { ListPage } from '../view/keyset-page';
import { formatCount } from './format';
import { html, type SafeHtml } from './html';

/** `51–100 of 12,500`: where a page sits in its list. */
export function pageRange(page: ListPage<unknown>): string {
  if (page.items.length === 0) return `0 of ${formatCount(page.total)}`;
  const first = page.offset + 1;
  const last = page.offset + page.items.length;
  if (first === 1 && last === page.total) return formatCount(page.total);
  if (first === last) return `${formatCount(first)} of ${formatCount(page.total)}`;
  return `${formatCount(first)}–${formatCount(last)} of ${formatCount(page.total)}`;
}

/** Previous and next links under a list; nothing when the list fits one page. */
export function renderPager(page: ListPage<unknown>, links: PageLinks, noun: string): SafeHtml {
  if (!links.previous && !links.next) return html``;
  const link = (rel: 'prev' | 'next', label: string, target?: string) =>
    target
      ? html`<a rel="${rel}" href="${target}" data-testid="page-${rel}">${label}</a>`
      : html`<span class="off">${label}</span>`;
  return html`<nav class="pager" aria-label="Pages">${link('prev', '← Previous', links.previous)}<span data-testid="page-range">${pageRange(page)} ${noun}</span>${link('next', 'Next →', links.next)}</nav>`;
}
