import { describe, expect, it } from 'vitest';
import { escapeHtml, href, html } from './html';

describe('html', () => {
  it('escapes every hole unless it is markup made by html', () => {
    const evil = `<img src=x onerror="alert(1)">'\``;
    const out = html`<td title="${evil}">${evil}${html`<b>${evil}</b>`}${[evil, 1, null, undefined, false]}</td>`;
    expect(out.value).not.toContain('<img');
    expect(out.value).not.toMatch(/title="[^"]*"[^>]*onerror/);
    expect(out.value).toBe(
      `<td title="${escapeHtml(evil)}">${escapeHtml(evil)}<b>${escapeHtml(evil)}</b>${escapeHtml(evil)}1</td>`,
    );
    expect(escapeHtml(`&<>"'\``)).toBe('&amp;&lt;&gt;&quot;&#39;&#96;');
  });

  it('encodes path segments', () => {
    expect(href('sessions', 'a/b?c#d')).toBe('/sessions/a%2Fb%3Fc%23d');
  });
});
