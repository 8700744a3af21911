import type { ReceivedSpan } from '../otlp/received-span';
import type { SdkReadableSpan } from '../otlp/sdk-span';
import { toReceivedSpans } from '../otlp/to-received-spans';
import { type PhoenixFeatures, type PhoenixVersion, phoenixFeatures } from './phoenix-version';
import type {
  PhoenixSession,
  PhoenixSpan,
  PhoenixTokenTotals,
  PhoenixTrace,
  PhoenixView,
} from './phoenix-view';
import { ownTokenCounts, resolveSpan } from './resolve-span';

/** Options of {@link resolvePhoenix}. */
export interface ResolvePhoenixOptions {
  /**
   * The Phoenix server version to model, `major.minor` (default `'13.7'`). From `'15.10'`
   * Phoenix also converts OTel GenAI keys (`gen_ai.input.messages`, …) where OpenInference keys
   * are absent; from `'16.1'` token totals count LLM spans only; from `'18.1'` traces and
   * sessions show a user id.
   */
  version?: PhoenixVersion;
}

/** A trace as it builds up while spans arrive, in Phoenix's order of events. */
interface TraceRecord {
  id: string;
  arrival: number;
  startTime: number;
  endTime: number;
  sessionId?: string;
  spans: Array<{ span: PhoenixSpan; arrival: number }>;
}

function isSdkReadableSpan(span: ReceivedSpan | SdkReadableSpan): span is SdkReadableSpan {
  return typeof (span as SdkReadableSpan).spanContext === 'function';
}

/** Ascending order that never throws on NaN (a NaN sorts as equal). */
function byNumber(a: number, b: number): number {
  return a - b || 0;
}

function min(a: number, b: number): number {
  return Number.isNaN(a) ? b : Number.isNaN(b) ? a : Math.min(a, b);
}

function max(a: number, b: number): number {
  return Number.isNaN(a) ? b : Number.isNaN(b) ? a : Math.max(a, b);
}

/**
 * Phoenix inserts span by span: a trace gets its times from every span that arrives for it, its
 * session from the first arriving span that names one (later spans cannot move it), and a span
 * id already stored is ignored (the first copy wins).
 */
function collectTraces(spans: readonly ReceivedSpan[], features: PhoenixFeatures): TraceRecord[] {
  const traces = new Map<string, TraceRecord>();
  const seen = new Set<string>();
  spans.forEach((received, arrival) => {
    const span = resolveSpan(received, features);
    let trace = traces.get(span.traceId);
    if (!trace) {
      trace = {
        id: span.traceId,
        arrival,
        startTime: span.startTime,
        endTime: span.endTime,
        spans: [],
      };
      traces.set(span.traceId, trace);
    }
    trace.startTime = min(trace.startTime, span.startTime);
    trace.endTime = max(trace.endTime, span.endTime);
    if (trace.sessionId === undefined && span.sessionId !== undefined) {
      trace.sessionId = span.sessionId;
    }
    if (seen.has(span.id)) return;
    seen.add(span.id);
    trace.spans.push({ span, arrival });
  });
  return [...traces.values()];
}

function totals(prompt: number, completion: number): PhoenixTokenTotals {
  return { prompt, completion, total: prompt + completion };
}

/**
 * Before 16.1 a trace's tokens are its root spans' cumulative counts: every span below a root
 * adds its own counts, whatever its kind (so a wrapper span that repeats its model call's counts
 * doubles them), and a span whose parent never arrived adds nothing. From 16.1: the sum over
 * LLM spans.
 */
function traceTokens(spans: readonly PhoenixSpan[], features: PhoenixFeatures): PhoenixTokenTotals {
  let prompt = 0;
  let completion = 0;
  const add = (span: PhoenixSpan) => {
    const own = ownTokenCounts(span);
    prompt += own.prompt;
    completion += own.completion;
  };
  if (features.llmOnlyTokenTotals) {
    for (const span of spans) if (span.kind === 'LLM') add(span);
    return totals(prompt, completion);
  }
  const children = new Map<string, PhoenixSpan[]>();
  for (const span of spans) {
    if (span.parentId === undefined) continue;
    const list = children.get(span.parentId) ?? [];
    list.push(span);
    children.set(span.parentId, list);
  }
  const visited = new Set<PhoenixSpan>();
  const stack = spans.filter((span) => span.parentId === undefined);
  while (stack.length > 0) {
    const span = stack.pop()!;
    if (visited.has(span)) continue;
    visited.add(span);
    add(span);
    stack.push(...(children.get(span.id) ?? []));
  }
  return totals(prompt, completion);
}

/** `user.id` values of spans in start order (ties in arrival order), duplicates removed. */
function userIdsOf(entries: ReadonlyArray<{ span: PhoenixSpan; arrival: number }>): string[] {
  const ids: string[] = [];
  const sorted = [...entries].sort(
    (a, b) => byNumber(a.span.startTime, b.span.startTime) || a.arrival - b.arrival,
  );
  for (const { span } of sorted) {
    if (span.userId !== undefined && !ids.includes(span.userId)) ids.push(span.userId);
  }
  return ids;
}

function toTrace(record: TraceRecord, features: PhoenixFeatures): PhoenixTrace {
  const spans = [...record.spans]
    .sort((a, b) => byNumber(a.span.startTime, b.span.startTime) || a.arrival - b.arrival)
    .map(({ span }) => span);
  const rootSpans = record.spans
    .filter(({ span }) => span.parentId === undefined)
    .map(({ span }) => span);
  const root = rootSpans[0];
  const userId = features.userIdOnTraces ? userIdsOf(record.spans)[0] : undefined;
  return {
    id: record.id,
    startTime: record.startTime,
    endTime: record.endTime,
    ...(record.sessionId !== undefined ? { sessionId: record.sessionId } : {}),
    ...(userId !== undefined ? { userId } : {}),
    rootSpans,
    ...(root?.input ? { input: root.input } : {}),
    ...(root?.output ? { output: root.output } : {}),
    tokens: traceTokens(spans, features),
    spans,
  };
}

/**
 * Sessions as Phoenix shows them. The first input is read from the first root span of the
 * earliest trace that has one, the last output from the last root span of the latest such
 * trace; when that span has no input (output), the session shows none rather than looking
 * further.
 */
function sessionsOf(
  records: readonly TraceRecord[],
  traces: ReadonlyMap<TraceRecord, PhoenixTrace>,
  features: PhoenixFeatures,
): PhoenixSession[] {
  const groups = new Map<string, TraceRecord[]>();
  for (const record of records) {
    if (record.sessionId === undefined) continue;
    const group = groups.get(record.sessionId) ?? [];
    group.push(record);
    groups.set(record.sessionId, group);
  }
  const sessions: PhoenixSession[] = [];
  for (const [id, group] of groups) {
    const ordered = group.map((record) => traces.get(record)!);
    const roots = ordered.flatMap((trace) => trace.rootSpans);
    const first = roots[0];
    const last = roots[roots.length - 1];
    const userIds = userIdsOf(group.flatMap((record) => record.spans));
    const tokens = ordered.reduce(
      (sum, trace) =>
        totals(sum.prompt + trace.tokens.prompt, sum.completion + trace.tokens.completion),
      totals(0, 0),
    );
    sessions.push({
      id,
      traces: ordered,
      ...(first?.input ? { firstInput: first.input } : {}),
      ...(last?.output ? { lastOutput: last.output } : {}),
      tokens,
      ...(features.userIdOnTraces && userIds.length > 0 ? { userId: userIds[0] } : {}),
      userIds,
      startTime: ordered.reduce((t, trace) => min(t, trace.startTime), Number.NaN),
      endTime: ordered.reduce((t, trace) => max(t, trace.endTime), Number.NaN),
    });
  }
  return sessions.sort((a, b) => byNumber(a.startTime, b.startTime));
}

/**
 * What Arize Phoenix would show for these spans, from the facts of the contract (§8, Phoenix)
 * as checked against Phoenix's source, not from Phoenix's code: each span's kind, model,
 * provider, token counts, input and output, messages, tool, session, user, tags and metadata;
 * traces with their root spans and the root's input and output; sessions grouping traces by
 * `session.id` with their first input, last output, token totals and users.
 *
 * Takes spans from the OTLP receiver or straight from the in-memory SDK, in the order they
 * reached (or would reach) Phoenix; that order decides ties the way Phoenix's row order does.
 * Never throws on span content.
 *
 * @example
 * const view = resolvePhoenix(await receiver.waitForSpans(6), { version: '15.10' });
 * expect(view.sessions[0]).toMatchObject({ id: 'conv-1', firstInput: { value: 'Hi' } });
 */
export function resolvePhoenix(
  spans: readonly ReceivedSpan[] | readonly SdkReadableSpan[],
  { version = '13.7' }: ResolvePhoenixOptions = {},
): PhoenixView {
  const features = phoenixFeatures(version);
  const received = (spans as ReadonlyArray<ReceivedSpan | SdkReadableSpan>).map((span) =>
    isSdkReadableSpan(span) ? toReceivedSpans([span])[0]! : span,
  );
  const records = collectTraces(received, features).sort(
    (a, b) => byNumber(a.startTime, b.startTime) || a.arrival - b.arrival,
  );
  const traces = new Map(records.map((record) => [record, toTrace(record, features)]));
  return {
    version: features.label,
    traces: [...traces.values()],
    sessions: sessionsOf(records, traces, features),
  };
}
