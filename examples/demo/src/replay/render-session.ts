import type { LangfuseObservation, LangfuseSession, LangfuseTrace } from '@threadline/testing';
import type { Style } from './style';
import { formatDuration, formatTime, messageText, truncate, wrap } from './text';

// Right-hand columns of an observation row: model, duration, tokens (input→output).
const MODEL_WIDTH = 13;
const DURATION_WIDTH = 8;
const TOKENS_WIDTH = 10;
const RIGHT_WIDTH = MODEL_WIDTH + DURATION_WIDTH + TOKENS_WIDTH;
const TYPE_WIDTH = 11;
const INDENT = '   ';

function tokens(observation: LangfuseObservation): string {
  const { input, output, total } = observation.usage;
  if (input !== undefined && output !== undefined) return `${input}→${output}`;
  return total !== undefined ? String(total) : '';
}

/** How to lay out a replay. */
export interface ReplayLayout {
  width: number;
  style: Style;
  /** The name to show for an observation; default its name. */
  label?: (observation: LangfuseObservation) => string;
}

/** One observation row: tree branch, type, name | model, duration, tokens. */
function observationRow(observation: LangfuseObservation, branch: string, layout: ReplayLayout) {
  const { width, style, label = (o) => o.name } = layout;
  const leftWidth = width - INDENT.length - RIGHT_WIDTH;
  const type = observation.type.padEnd(TYPE_WIDTH - 1);
  const name = truncate(label(observation), leftWidth - branch.length - TYPE_WIDTH);
  const left = `${branch}${type} ${name}`.padEnd(leftWidth);
  const model = ` ${truncate(observation.model ?? '', MODEL_WIDTH - 1)}`.padEnd(MODEL_WIDTH);
  const duration = formatDuration(observation.endTime - observation.startTime).padStart(
    DURATION_WIDTH,
  );
  const right = `${model}${duration}${tokens(observation).padStart(TOKENS_WIDTH)}`;
  const typed =
    observation.level === 'ERROR' ? style.red(left) : left.replace(type, style.cyan(type));
  return `${INDENT}${typed}${style.dim(right.trimEnd())}`.trimEnd();
}

/** The observations of a trace as a tree (children under their parent, in start order). */
function observationTree(trace: LangfuseTrace, layout: ReplayLayout): string[] {
  const ids = new Set(trace.observations.map((o) => o.id));
  const children = new Map<string | undefined, LangfuseObservation[]>();
  for (const observation of trace.observations) {
    // A parent outside the trace (another service's span not exported) counts as no parent.
    const parent =
      observation.parentObservationId && ids.has(observation.parentObservationId)
        ? observation.parentObservationId
        : undefined;
    children.set(parent, [...(children.get(parent) ?? []), observation]);
  }
  const rows: string[] = [];
  const walk = (parent: string | undefined, prefix: string) => {
    const siblings = children.get(parent) ?? [];
    siblings.forEach((observation, n) => {
      const last = n === siblings.length - 1;
      const branch = parent === undefined ? '' : `${prefix}${last ? '└─ ' : '├─ '}`;
      rows.push(observationRow(observation, branch, layout));
      const childPrefix = parent === undefined ? '' : `${prefix}${last ? '   ' : '│  '}`;
      walk(observation.id, childPrefix);
    });
  };
  walk(undefined, '');
  return rows;
}

/** A labelled text block: `user  …` / `reply …`, wrapped with a hanging indent. */
function textBlock(
  label: string,
  value: unknown,
  role: 'user' | 'assistant',
  width: number,
  style: Style,
) {
  const text = messageText(value, role);
  if (text === '') return [];
  const head = `${INDENT}${label.padEnd(6)}`;
  return wrap(text, width - head.length, 3).map((line, n) =>
    n === 0 ? `${style.dim(head)}${line}` : `${' '.repeat(head.length)}${line}`,
  );
}

/** One trace: number, name, time and duration; its input and output; its observation tree. */
function traceBlock(trace: LangfuseTrace, n: number, layout: ReplayLayout): string[] {
  const { width, style } = layout;
  const end = Math.max(...trace.observations.map((o) => o.endTime));
  const when = `${formatTime(trace.timestamp)} · ${formatDuration(end - trace.timestamp)}`;
  const title = truncate(`${n}  ${trace.name}`, width - when.length - 1);
  return [
    `${style.bold(title)}${' '.repeat(width - title.length - when.length)}${style.dim(when)}`,
    ...textBlock('user', trace.input, 'user', width, style),
    ...textBlock('reply', trace.output, 'assistant', width, style),
    ...observationTree(trace, layout),
  ];
}

/**
 * A session as Langfuse would replay it: the session and its users, then each trace in time
 * order with its input and output text and its observations as a tree.
 */
export function renderSession(session: LangfuseSession, layout: ReplayLayout): string[] {
  const { width, style } = layout;
  const observations = session.traces.reduce((sum, t) => sum + t.observations.length, 0);
  const [first] = session.traces;
  const tags = [...new Set(session.traces.flatMap((t) => t.tags))];
  const metadata = Object.entries(first?.metadata ?? {}).map(([k, v]) => `${k}=${v}`);
  const rule = style.dim('─'.repeat(width));
  const legend = `${INDENT}${'observation'.padEnd(width - INDENT.length - RIGHT_WIDTH)}${' model'.padEnd(MODEL_WIDTH)}${'time'.padStart(DURATION_WIDTH)}${'tokens'.padStart(TOKENS_WIDTH)}`;
  return [
    style.bold(truncate(`Session ${session.id}`, width)),
    truncate(
      `user ${session.userIds.join(', ') || '(none)'} · ${session.traces.length} traces · ${observations} observations`,
      width,
    ),
    ...(tags.length > 0 ? [style.dim(truncate(`tags ${tags.join(', ')}`, width))] : []),
    ...(metadata.length > 0 ? [style.dim(truncate(`metadata ${metadata.join(' ')}`, width))] : []),
    rule,
    style.dim(legend),
    ...session.traces.flatMap((trace, n) => ['', ...traceBlock(trace, n + 1, layout)]),
    rule,
  ];
}
