import type { Score, ScoreTarget } from '../store/score';
import { formatTime } from './format';
import { html, type SafeHtml } from './html';

/** Scores as small chips (`name: value`, the comment as a tooltip). */
export function scoreChips(scores: readonly Score[], { removable = false } = {}): SafeHtml {
  return html`${scores.map(
    (score) =>
      html`<span class="chip score" title="${score.comment ? `${score.comment} · ` : ''}${formatTime(score.createdAt)}">${score.name}: ${
        typeof score.value === 'number' ? String(score.value) : score.value
      }${removable ? html`<button type="button" data-delete-score="${String(score.id)}" title="Remove this score" aria-label="Remove score ${score.name}">×</button>` : ''}</span>`,
  )}`;
}

/** Options of {@link scorePanel}. */
export interface ScorePanelOptions {
  targetType: ScoreTarget;
  targetId: string;
  scores: readonly Score[];
  /** With the form to add scores (off in exports). */
  editable?: boolean;
}

/**
 * A target's scores with a form to add one. The value is numeric when it reads as a number
 * (`0.8`, `1`), categorical otherwise (`good`).
 */
export function scorePanel({
  targetType,
  targetId,
  scores,
  editable = true,
}: ScorePanelOptions): SafeHtml {
  return html`<div class="scores panel" data-testid="scores-${targetType}">
<strong>Scores</strong> ${scores.length > 0 ? scoreChips(scores, { removable: editable }) : html`<span class="sub">none yet</span>`}
${
  editable
    ? html`<form class="score" data-target-type="${targetType}" data-target-id="${targetId}">
<input name="name" placeholder="name (helpful)" required maxlength="100" aria-label="Score name">
<input name="value" placeholder="value (1, 0.5, good)" required maxlength="200" aria-label="Score value">
<input name="comment" placeholder="comment (optional)" maxlength="2000" aria-label="Comment">
<button type="submit">Add score</button>
<span class="form-error" role="alert"></span>
</form>`
    : ''
}
</div>`;
}
