import type { Pricing } from '../prices/pricing';
import type { SessionDetail } from '../view/dev-view';
import { renderStandalone } from './layout';
import { renderSessionPage } from './session-page';

/**
 * A session as one self-contained HTML file (inline CSS, no script, no request to anywhere):
 * the local stand-in for a public link. Observation trees still expand, through `<details>`.
 */
export function exportSessionHtml({
  detail,
  prices,
}: {
  detail: SessionDetail;
  prices: Pricing;
}): string {
  return renderStandalone({
    title: `Session ${detail.summary.id} · threadline`,
    content: renderSessionPage({ detail, prices, interactive: false }),
  });
}

/** A file name for the export: the session id with anything unsafe in a file name replaced. */
export function exportFileName(sessionId: string): string {
  const safe = sessionId.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);
  return `threadline-session-${safe || 'export'}.html`;
}
