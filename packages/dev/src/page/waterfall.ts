import type { LangfuseObservation, LangfuseTrace } from '@threadline/read-model';
import type { Pricing } from '../prices/pricing';
import { formatCount, formatDuration } from './format';
import { href, html, type SafeHtml } from './html';
import { buildForest, type ObservationNode } from './observation-forest';
import {
  observationDetails,
  observationLabel,
  observationLine,
  typeBadge,
} from './observation-parts';

const KNOWN_TYPES = ['generation', 'tool', 'agent', 'chain', 'retriever', 'embedding'];

/**
 * Rows a waterfall renders at once: the page shows the tree down to the deepest level that
 * fits, a row's hidden children load when it is expanded, this many at a time.
 */
export const WATERFALL_ROWS = 250;

/** Traces up to this size carry each row's content in the page; larger ones load it on open. */
export const INLINE_DETAIL_ROWS = 100;

/** Where the bars are placed: the trace's first start and its length. */
interface TimeScale {
  start: number;
  total: number;
}

function percent(n: number): string {
  return `${Math.max(0, Math.min(100, n)).toFixed(3)}%`;
}

function timeScale(observations: readonly LangfuseObservation[]): TimeScale {
  // A loop, not Math.min(...times): a spread of a huge trace's times overflows the stack.
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const o of observations) {
    if (!Number.isFinite(o.startTime)) continue;
    start = Math.min(start, o.startTime);
    // A span that ends before it starts (a broken clock, an end of 0) ends where it starts.
    end = Math.max(end, o.startTime, Number.isFinite(o.endTime) ? o.endTime : o.startTime);
  }
  if (start > end) return { start: 0, total: 0.001 };
  // A trace of zero length still gets a scale, so its bars stay visible.
  return { start, total: Math.max(end - start, 0.001) };
}

/** What rendering rows needs besides the rows. */
interface RowContext {
  trace: LangfuseTrace;
  prices: Pricing;
  scale: TimeScale;
  /** Whether each row carries its content, or loads it when opened. */
  inlineDetails: boolean;
}

function countBelow(node: ObservationNode): number {
  let count = 0;
  const stack = [...node.children];
  while (stack.length > 0) {
    const next = stack.pop()!;
    count += 1;
    for (const child of next.children) stack.push(child);
  }
  return count;
}

/** How many levels under these siblings fit in `budget` rows together with them. */
function levelsThatFit(siblings: readonly ObservationNode[], budget: number): number {
  let levels = 0;
  let shown = siblings.length;
  let level = siblings;
  for (;;) {
    const next = level.flatMap((node) => node.children);
    if (next.length === 0 || shown + next.length > budget) return levels;
    shown += next.length;
    levels += 1;
    level = next;
  }
}

/** Where a row's hidden children are served, `from` the first one wanted. */
export function waterfallRowsUrl(traceId: string, parentId?: string, from = 0): string {
  const params = new URLSearchParams();
  if (parentId !== undefined) params.set('parent', parentId);
  if (from > 0) params.set('from', String(from));
  const query = params.toString();
  return `${href('traces', traceId, 'rows')}${query ? `?${query}` : ''}`;
}

function row(node: ObservationNode, levels: number, context: RowContext): SafeHtml {
  const { observation: o, depth, children } = node;
  const { trace, prices, scale } = context;
  const left = ((o.startTime - scale.start) / scale.total) * 100;
  const width = ((o.endTime - o.startTime) / scale.total) * 100;
  const type = KNOWN_TYPES.includes(o.type) ? o.type : 'span';
  const expanded = levels > 0;
  const twist =
    children.length > 0
      ? html`<button type="button" class="wf-twist" data-twist data-rows="${waterfallRowsUrl(trace.id, o.id)}" aria-expanded="${expanded ? 'true' : 'false'}" title="${formatCount(countBelow(node))} spans below">${expanded ? '▾' : '▸'} ${formatCount(children.length)}</button>`
      : html`<span class="wf-twist-space"></span>`;
  const detail = context.inlineDetails
    ? html`<div class="wf-detail">${observationLine(o, prices)}${observationDetails(o)}</div>`
    : html`<div class="wf-detail"><p class="sub">Loading…</p></div>`;
  const lazy = context.inlineDetails
    ? ''
    : html` data-detail="${href('traces', trace.id, 'observations', o.id)}"`;
  return html`<div class="wf-node" data-node="${o.id}"><details class="wf-item" data-key="wf-${o.id}"${lazy}><summary><div class="wf-row" data-observation="${o.id}">
<div class="wf-label" style="padding-left:${depth * 16}px">${twist}${typeBadge(o.type)}<span class="name" title="${observationLabel(o)}">${observationLabel(o)}</span></div>
<div class="wf-track"><div class="wf-bar ${type}${o.level === 'ERROR' ? ' error' : ''}" style="left:${percent(left)};width:${percent(width)}"></div></div>
<div class="wf-dur">${formatDuration(o.endTime - o.startTime)}</div>
</div></summary>${detail}</details>${
    children.length > 0
      ? html`<div class="wf-children"${expanded ? '' : html` hidden`}>${expanded ? rows(children, levels - 1, context) : ''}</div>`
      : ''
  }</div>`;
}

function rows(nodes: readonly ObservationNode[], levels: number, context: RowContext): SafeHtml[] {
  return nodes.map((node) => row(node, levels, context));
}

/**
 * Siblings from `from` on, at most {@link WATERFALL_ROWS} rows in all: as deep as fits when
 * they all fit, else the next `WATERFALL_ROWS` of them collapsed with a button for the rest.
 */
function windowOf(
  siblings: readonly ObservationNode[],
  from: number,
  parentId: string | undefined,
  context: RowContext,
): SafeHtml {
  const rest = siblings.slice(from);
  if (rest.length <= WATERFALL_ROWS) {
    return html`${rows(rest, levelsThatFit(rest, WATERFALL_ROWS), context)}`;
  }
  const next = from + WATERFALL_ROWS;
  const left = siblings.length - next;
  return html`${rows(rest.slice(0, WATERFALL_ROWS), 0, context)}<button type="button" class="wf-more" data-more="${waterfallRowsUrl(context.trace.id, parentId, next)}">Show ${formatCount(Math.min(left, WATERFALL_ROWS))} more of ${formatCount(left)}</button>`;
}

function contextOf(trace: LangfuseTrace, prices: Pricing): RowContext {
  return {
    trace,
    prices,
    scale: timeScale(trace.observations),
    inlineDetails: trace.observations.length <= INLINE_DETAIL_ROWS,
  };
}

/**
 * The trace as a timeline: one row per observation in tree order, indented by depth, with a
 * bar placed at its start and as long as its duration. A row expands to its content. A big
 * trace shows its tree only down to the deepest level that fits {@link WATERFALL_ROWS} rows;
 * the page loads a row's children when it is expanded.
 */
export function renderWaterfall(trace: LangfuseTrace, prices: Pricing): SafeHtml {
  const context = contextOf(trace, prices);
  const { total } = context.scale;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => html`<span>${formatDuration(total * f)}</span>`);
  return html`<div class="waterfall panel" data-testid="waterfall">
<div class="wf-axis"><span>Observation</span><div class="ticks">${ticks}</div><span class="wf-dur">Duration</span></div>
<div class="wf-children">${windowOf(buildForest(trace.observations), 0, undefined, context)}</div>
</div>`;
}

/**
 * Rows of a waterfall for the page to add: the children of `parentId` (the roots without it),
 * from the `from`-th on. `undefined` when the trace has no such observation.
 */
export function renderWaterfallRows(
  trace: LangfuseTrace,
  prices: Pricing,
  parentId: string | undefined,
  from: number,
): SafeHtml | undefined {
  const roots = buildForest(trace.observations);
  let siblings: readonly ObservationNode[] = roots;
  if (parentId !== undefined) {
    const stack = [...roots];
    let parent: ObservationNode | undefined;
    while (stack.length > 0 && !parent) {
      const node = stack.pop()!;
      if (node.observation.id === parentId) parent = node;
      else for (const child of node.children) stack.push(child);
    }
    if (!parent) return undefined;
    siblings = parent.children;
  }
  return windowOf(siblings, from, parentId, contextOf(trace, prices));
}

/** An observation's expanded content, for a row of a big trace that loads it when opened. */
export function renderWaterfallDetail(
  trace: LangfuseTrace,
  observationId: string,
  prices: Pricing,
): SafeHtml | undefined {
  const o = trace.observations.find((candidate) => candidate.id === observationId);
  return o && html`${observationLine(o, prices)}${observationDetails(o)}`;
}
