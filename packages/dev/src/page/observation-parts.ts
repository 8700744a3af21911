import type { LangfuseObservation, LangfuseUsage } from '@threadline/read-model';
import type { Pricing } from '../prices/pricing';
import { displayJson } from '../view/bounded-value';
import type { DevObservation } from '../view/resolve-trace';
import { formatCount, formatDuration } from './format';
import { href, html, type SafeHtml } from './html';
import { CLIP_CHARS, clippedBlock } from './long-text';

/** Characters of one input or output shown on the trace page before "Show all". */
export const MAX_CONTENT_CHARS = CLIP_CHARS;

/**
 * The name to show for an observation: the span's, plus the tool a tool span ran when the name
 * does not say it (the AI SDK names every tool span `ai.toolCall`).
 */
export function observationLabel(o: LangfuseObservation): string {
  const tool = (o as DevObservation).toolName;
  return tool !== undefined && !o.name.includes(tool) ? `${o.name} ${tool}` : o.name;
}

/** A colour-coded badge of an observation type. */
export function typeBadge(type: string): SafeHtml {
  // The type is untrusted text; only known names become a class.
  const known = ['generation', 'tool', 'agent', 'chain', 'retriever', 'embedding'];
  return html`<span class="type ${known.includes(type) ? type : 'span'}">${type}</span>`;
}

/** `12 in · 5 out` or nothing. */
export function usageText(usage: LangfuseUsage): string | undefined {
  if (usage.input === undefined && usage.output === undefined && usage.total === undefined) {
    return undefined;
  }
  if (usage.input === undefined && usage.output === undefined) {
    return `${formatCount(usage.total ?? 0)} tokens`;
  }
  return `${formatCount(usage.input ?? 0)} in · ${formatCount(usage.output ?? 0)} out tokens`;
}

/** An observation's cost as `$0.000123`, or nothing. */
export function observationCost(o: LangfuseObservation, prices: Pricing): string | undefined {
  const cost = prices.costOf(o);
  return cost === undefined ? undefined : `$${cost.toFixed(6)}`;
}

/** Input or output as readable text: strings as they are, anything else as indented JSON. */
export function contentText(value: unknown): string {
  return typeof value === 'string' ? value : displayJson(value, { indent: 2 });
}

/**
 * Input or output as readable text, its start only when long; `fullUrl` serves the whole text
 * for "Show all".
 */
export function contentBlock(
  value: unknown,
  maxChars = MAX_CONTENT_CHARS,
  fullUrl?: string,
): SafeHtml {
  return clippedBlock(contentText(value), fullUrl, { maxChars });
}

/** Where the whole of an observation's input, output or status is served as plain text. */
export function observationFieldUrl(
  o: Pick<LangfuseObservation, 'traceId' | 'id'>,
  field: 'input' | 'output' | 'status',
): string {
  return href('traces', o.traceId, 'observations', o.id, field);
}

/** One line about an observation: type, name, model, duration, tokens, cost. */
export function observationLine(o: LangfuseObservation, prices: Pricing): SafeHtml {
  const usage = usageText(o.usage);
  const cost = observationCost(o, prices);
  return html`<span class="obs-line${o.level === 'ERROR' ? ' error' : ''}">${typeBadge(o.type)}<span class="name">${observationLabel(o)}</span>${
    o.model ? html`<span class="dim mono">${o.model}</span>` : ''
  }<span class="dim">${formatDuration(o.endTime - o.startTime)}</span>${
    usage ? html`<span class="dim">${usage}</span>` : ''
  }${cost ? html`<span class="dim">${cost}</span>` : ''}${
    o.level === 'ERROR' ? html`<span class="errors">${o.statusMessage ?? 'error'}</span>` : ''
  }</span>`;
}

/**
 * Input, output, status and metadata of an observation, for its expanded view. With `links`,
 * a clipped value links to its whole text (off in an exported file).
 */
export function observationDetails(
  o: LangfuseObservation,
  maxChars = MAX_CONTENT_CHARS,
  links = true,
): SafeHtml {
  const metadata = Object.entries(o.metadata);
  const url = (field: 'input' | 'output' | 'status') =>
    links ? observationFieldUrl(o, field) : undefined;
  return html`${o.input !== undefined ? html`<h3>Input</h3>${contentBlock(o.input, maxChars, url('input'))}` : ''}${
    o.output !== undefined
      ? html`<h3>Output</h3>${contentBlock(o.output, maxChars, url('output'))}`
      : ''
  }${o.statusMessage ? html`<h3>Status</h3>${contentBlock(o.statusMessage, maxChars, url('status'))}` : ''}${
    metadata.length > 0
      ? html`<h3>Metadata</h3>${metadata.map(([k, v]) => html`<span class="tag">${k}: ${v}</span>`)}`
      : ''
  }`;
}
