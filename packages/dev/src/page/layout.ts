import { PACKAGE_VERSION } from '../version';
import { html, SafeHtml } from './html';
import { STYLES } from './styles';

/** Which navigation tab is lit. */
export type NavTab = 'sessions' | 'users' | 'traces';

/** Options of {@link renderPage}. */
export interface PageOptions {
  title: string;
  tab?: NavTab;
  content: SafeHtml;
  /**
   * Which live updates refresh this page: `all` (lists), `session:<id>` or `trace:<id>`.
   * Read by the page script.
   */
  live: string;
}

/** A page of the running `threadline dev`: navigation, live status, the page script. */
export function renderPage({ title, tab, content, live }: PageOptions): string {
  const link = (name: NavTab, label: string, path: string) =>
    html`<a href="${path}" class="${tab === name ? 'active' : ''}">${label}</a>`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · threadline dev</title>
<link rel="stylesheet" href="/styles.css">
</head>
<body data-live="${live}">
<header class="top">
  <a class="brand" href="/">thread<span>line</span> dev</a>
  <nav>${link('sessions', 'Sessions', '/')}${link('users', 'Users', '/users')}${link('traces', 'Traces', '/traces')}</nav>
  <span class="live" id="live-status" title="Updates when new spans arrive">connecting…</span>
</header>
<main id="live">${content}</main>
<script src="/app.js"></script>
</body>
</html>
`.value;
}

/** Options of {@link renderStandalone}. */
export interface StandaloneOptions {
  title: string;
  content: SafeHtml;
}

/**
 * A self-contained document: inline stylesheet, no script, and a policy that forbids every
 * request, so the file can be mailed or attached anywhere and opened offline.
 */
export function renderStandalone({ title, content }: StandaloneOptions): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${title}</title>
<style>${new SafeHtml(STYLES)}</style>
</head>
<body>
<main>${content}</main>
<footer class="export">Exported from threadline dev ${PACKAGE_VERSION} on ${new Date().toISOString()}</footer>
</body>
</html>
`.value;
}
