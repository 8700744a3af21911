import type { Pricing } from '../prices/pricing';
import { assistantTurnText, userTurnText } from '../view/conversation-text';
import type { SessionDetail } from '../view/dev-view';
import { modelCallTokens, traceCost } from '../view/trace-summary';
import { deleteControl } from './delete-control';
import {
  costTitle,
  formatClock,
  formatCost,
  formatCount,
  formatDuration,
  formatTime,
} from './format';
import { href, html, type SafeHtml } from './html';
import { clipNote, clipText } from './long-text';
import { renderObservationTree } from './observation-tree';
import { renderOrMark } from './safe-render';
import { scoreChips, scorePanel } from './score-panel';

/** Options of {@link renderSessionPage}. */
export interface SessionPageOptions {
  detail: SessionDetail;
  prices: Pricing;
  /** Links, bookmark and score forms; off for an exported file, which has nowhere to send them. */
  interactive?: boolean;
}

/**
 * Observations a turn lists in the replay; a bigger turn links to its trace's timeline, which
 * loads rows on demand. An exported file lists them all: it has no timeline to link to.
 */
export const REPLAY_TREE_MAX = 200;

/** A turn's text, its start only when long; "Show all" loads the rest on the page. */
function turnText(
  text: string | undefined,
  traceId: string,
  role: 'user' | 'assistant',
  interactive: boolean,
): SafeHtml {
  if (text === undefined) {
    return html`<div data-testid="${role}-text">${role === 'user' ? 'no input recorded' : 'no output recorded'}</div>`;
  }
  const clip = clipText(text);
  return html`<div class="clip-body" data-testid="${role}-text">${clip.shown}${clip.hidden > 0 ? '…' : ''}</div>${clipNote(
    clip,
    interactive ? href('traces', traceId, 'turn', role) : undefined,
  )}`;
}

function meta(label: string, value: SafeHtml | string): SafeHtml {
  return html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
}

/**
 * The session replay: the session's figures and scores, then each trace as one turn of the
 * conversation in time order (what the user said, what the assistant answered) with its
 * observation tree.
 */
export function renderSessionPage({
  detail,
  prices,
  interactive = true,
}: SessionPageOptions): SafeHtml {
  const { summary, traces, traceScores } = detail;
  const turn = (trace: SessionDetail['traces'][number], n: number) => {
    const userText = userTurnText(trace);
    const answer = assistantTurnText(trace);
    // Model calls only, as the session's totals: a parent span repeats its calls' usage.
    const tokens = modelCallTokens(trace.observations).total;
    const errors = trace.observations.filter((o) => o.level === 'ERROR').length;
    let end = trace.timestamp;
    for (const o of trace.observations) if (o.endTime > end) end = o.endTime;
    const cost = traceCost(trace, prices);
    const scores = traceScores.get(trace.id) ?? [];
    return html`<section class="turn panel" data-testid="turn" data-trace="${trace.id}">
<div class="turn-head"><span class="n">Turn ${n + 1}</span><span>${formatClock(trace.timestamp)}</span>${
      interactive
        ? html`<a href="${href('traces', trace.id)}">${trace.name}</a>`
        : html`<span>${trace.name}</span>`
    }<span class="right">${formatDuration(end - trace.timestamp)} · ${formatCount(tokens)} tokens · <span title="${costTitle(cost)}">${formatCost(cost)}</span>${
      errors > 0
        ? html` · <span class="errors">${formatCount(errors)} error${errors === 1 ? '' : 's'}</span>`
        : ''
    }</span></div>
<div class="bubble clip user${userText === undefined ? ' missing' : ''}"><span class="who">User${trace.userId ? html` · ${trace.userId}` : ''}</span>${turnText(userText, trace.id, 'user', interactive)}</div>
<div class="bubble clip assistant${answer === undefined ? ' missing' : ''}"><span class="who">Assistant</span>${turnText(answer, trace.id, 'assistant', interactive)}</div>
${scores.length > 0 ? html`<div>${scoreChips(scores)}</div>` : ''}
${
  interactive && trace.observations.length > REPLAY_TREE_MAX
    ? html`<p class="tree">${formatCount(trace.observations.length)} observations: <a href="${href('traces', trace.id)}">see them on the trace's timeline</a></p>`
    : html`<details class="tree" data-key="tree-${trace.id}"><summary>${formatCount(trace.observations.length)} observation${trace.observations.length === 1 ? '' : 's'}</summary>${renderObservationTree(trace.observations, prices, interactive)}</details>`
}
</section>`;
  };
  const turns = traces.map((trace, n) =>
    renderOrMark(
      () => turn(trace, n),
      (reason) =>
        html`<section class="turn panel unreadable" data-testid="turn" data-trace="${trace.id}"><div class="turn-head"><span class="n">Turn ${n + 1}</span></div><p class="errors">${reason}</p></section>`,
    ),
  );
  return html`<div class="title-row"><h1>Session ${summary.id}</h1>${
    interactive
      ? html`<div class="actions"><button type="button" class="plain star${summary.bookmarked ? ' on' : ''}" data-bookmark="${summary.id}" data-on="${summary.bookmarked ? '1' : ''}" title="${summary.bookmarked ? 'Remove bookmark' : 'Bookmark'}">${summary.bookmarked ? '★' : '☆'}</button><a class="button" href="${href('sessions', summary.id, 'export')}" download>Export as HTML</a>${deleteControl(
          {
            what: 'session',
            id: summary.id,
            detail: `its ${formatCount(summary.traces)} trace${summary.traces === 1 ? '' : 's'}, scores and bookmark`,
          },
        )}</div>`
      : ''
  }</div>
<dl class="meta panel">
${meta('Users', summary.userIds.length > 0 ? summary.userIds.join(', ') : '–')}
${meta('First', formatTime(summary.start))}
${meta('Last', formatTime(summary.end))}
${meta('Traces', formatCount(summary.traces))}
${meta('Tokens', `${formatCount(summary.tokens.total)} (${formatCount(summary.tokens.input)} in · ${formatCount(summary.tokens.output)} out)`)}
${meta('Errors', formatCount(summary.errors))}
${meta('Cost', formatCost(summary.cost))}
${meta('Environment', summary.environments.join(', '))}
${summary.tags.length > 0 ? meta('Tags', html`${summary.tags.map((t) => html`<span class="tag">${t}</span>`)}`) : ''}
</dl>
${
  interactive
    ? scorePanel({ targetType: 'session', targetId: summary.id, scores: summary.scores })
    : summary.scores.length > 0
      ? html`<div class="scores panel"><strong>Scores</strong> ${scoreChips(summary.scores)}</div>`
      : ''
}
<h2>Conversation</h2>
<div class="turns">${turns}</div>`;
}
