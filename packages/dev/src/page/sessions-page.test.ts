import { describe, expect, it } from 'vitest';
import { MAX_FILTER_OPTIONS, renderSessionsPage } from './sessions-page';

const users = Array.from({ length: 250 }, (_, n) => `user-${String(n).padStart(3, '0')}`);

function render(user?: string): string {
  return renderSessionsPage({
    page: { items: [], total: 0, offset: 0 },
    links: {},
    total: 1,
    facets: { users, tags: ['beta'], environments: ['default'] },
    filter: user ? { user } : {},
    otlpUrl: 'http://127.0.0.1:4318',
  }).value;
}

describe('renderSessionsPage', () => {
  it('lists at most a bounded number of values in a filter menu, and says how many it left out', () => {
    const page = render();
    const userMenu = /<select name="user"[\s\S]*?<\/select>/.exec(page)![0];
    expect(userMenu.match(/<option value="user-/g)).toHaveLength(MAX_FILTER_OPTIONS);
    expect(userMenu).toContain('… 50 more: use the search');
    expect(page).toContain('<option value="beta">beta</option>');
  });

  it('keeps a chosen value selectable when it is past the bound', () => {
    const userMenu = /<select name="user"[\s\S]*?<\/select>/.exec(render('user-249'))![0];
    expect(userMenu).toContain('<option value="user-249" selected>user-249</option>');
    expect(userMenu).toContain('… 49 more: use the search');
  });
});
