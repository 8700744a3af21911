import type { InvalidValueReport } from '@threadline/core';
import type { LangfuseView, ReceivedSpan } from '@threadline/testing';
import type { Style } from './style';
import { wrap } from './text';

/** How many exported spans carry this session and this user (as Langfuse reads each span). */
export function countCarrying(view: LangfuseView, sessionId: string, userId: string): number {
  return view.traces
    .flatMap((trace) => trace.observations)
    .filter((o) => o.sessionId === sessionId && o.userId === userId).length;
}

/** Whether `needle` appears in any attribute, resource attribute or event of the span. */
export function spanContains(span: ReceivedSpan, needle: string): boolean {
  const texts = [span.attributes, span.resource, ...span.events.map((e) => e.attributes)].flatMap(
    (attributes) => Object.values(attributes).flat(),
  );
  return texts.some((value) => typeof value === 'string' && value.includes(needle));
}

/** Options of {@link renderChecks}. */
export interface ChecksInput {
  spans: readonly ReceivedSpan[];
  view: LangfuseView;
  sessionId: string;
  userId: string;
  /** What Threadline refused, as its reports said (never with the value). */
  refusals: readonly InvalidValueReport[];
  /** The refused value, only to count the spans that contain it; never printed. */
  refusedValue: string;
}

/**
 * The guard on personal data (what was refused, and that it reached no span) and the check
 * line: how many exported spans carried the session and the user.
 */
export function renderChecks(input: ChecksInput, width: number, style: Style): string[] {
  const { spans, view, sessionId, userId, refusals, refusedValue } = input;
  const ok = (text: string) => `${style.green('✓')} ${text}`;
  const bad = (text: string) => `${style.red('✗')} ${text}`;
  const leaked = spans.filter((span) => spanContains(span, refusedValue)).length;
  const lines = [style.bold('Personal data')];
  for (const report of refusals) {
    const what = `${report.field} refused in turn 4 (reason: ${report.reason}, ${report.length} characters, ${report.dropped ? 'dropped' : 'kept'})`;
    lines.push(`  ${report.dropped ? ok(what) : bad(what)}`);
  }
  if (refusals.length === 0) lines.push(`  ${bad('nothing was refused')}`);
  const explain = `An e-mail address was offered as the user id under sensitive: 'drop'. It is in ${leaked} of ${spans.length} spans; the turn kept ${userId}.`;
  lines.push(...wrap(explain, width - 4).map((line) => `    ${style.dim(line)}`));

  const carried = countCarrying(view, sessionId, userId);
  const check = `${carried} of ${spans.length} exported spans carried the session and user`;
  lines.push('', carried === spans.length && spans.length > 0 ? ok(check) : bad(check));
  return lines;
}
