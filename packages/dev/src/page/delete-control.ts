import { href, html, type SafeHtml } from './html';

/** Options of {@link deleteControl}. */
export interface DeleteControlOptions {
  what: 'session' | 'trace';
  id: string;
  /** What else goes, e.g. `its 3 traces, scores and bookmark`. */
  detail: string;
}

/**
 * A "Delete…" button that asks once more before it removes a session or a trace from the store.
 * A plain form post: it works without the page script, and the answer is the page to go to next.
 */
export function deleteControl({ what, id, detail }: DeleteControlOptions): SafeHtml {
  return html`<details class="delete" data-key="delete-${what}-${id}"><summary class="button">Delete…</summary><form method="post" action="${href(`${what}s`, id, 'delete')}" class="delete-form panel">
<p>Delete this ${what} and ${detail} from the store? This cannot be undone.</p>
<button type="submit" class="danger" data-testid="delete-${what}">Delete ${what}</button>
</form></details>`;
}
