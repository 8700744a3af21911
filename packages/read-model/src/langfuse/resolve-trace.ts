import type { ReceivedSpan } from '../otlp/received-span';
import { setOwn } from '../set-own';
import {
  DEFAULT_ENVIRONMENT,
  ENVIRONMENT_KEYS,
  RELEASE_KEYS,
  RESOURCE_VERSION_KEYS,
  TAGS_KEYS,
  TRACE_NAME_KEYS,
  VERSION_KEYS,
} from './langfuse-keys';
import type { LangfuseObservation, LangfuseTrace } from './langfuse-view';
import { firstTags, firstTruthy } from './read-attributes';
import { resolveObservation } from './resolve-observation';

function nanos(value: string): bigint {
  try {
    return BigInt(value);
  } catch {
    return 0n;
  }
}

/** Depth of each span below the first ancestor that is not in the trace (guarding cycles). */
function depths(spans: readonly ReceivedSpan[]): Map<string, number> {
  const parents = new Map(spans.map((span) => [span.spanId, span.parentSpanId]));
  const out = new Map<string, number>();
  for (const span of spans) {
    let depth = 0;
    let parent = span.parentSpanId;
    while (parent !== undefined && parents.has(parent) && depth < spans.length) {
      depth += 1;
      parent = parents.get(parent);
    }
    out.set(span.spanId, depth);
  }
  return out;
}

/**
 * Start-time order. Clocks often give a parent and its first child the same start, so a tie
 * puts the shallower span first, then keeps arrival order (Array.prototype.sort is stable).
 */
function sortByStart(spans: readonly ReceivedSpan[]): ReceivedSpan[] {
  const depth = depths(spans);
  const start = new Map(spans.map((span) => [span, nanos(span.startTimeUnixNano)]));
  return [...spans].sort((a, b) => {
    const x = start.get(a)!;
    const y = start.get(b)!;
    if (x !== y) return x < y ? -1 : 1;
    return depth.get(a.spanId)! - depth.get(b.spanId)!;
  });
}

/**
 * The root: a span without a parent, else the earliest span whose parent is not in the trace
 * (a trace continued from another service, or whose root has not been exported yet).
 */
function findRoot(sorted: readonly ReceivedSpan[]): ReceivedSpan {
  const ids = new Set(sorted.map((span) => span.spanId));
  return (
    sorted.find((span) => !span.parentSpanId) ??
    sorted.find((span) => !ids.has(span.parentSpanId!)) ??
    sorted[0]!
  );
}

function first<T>(items: readonly T[], pick: (item: T) => string | undefined): string | undefined {
  for (const item of items) {
    const value = pick(item);
    if (value !== undefined) return value;
  }
  return undefined;
}

/**
 * One trace as Langfuse would show it, from the spans that share its trace id (docs/contract.md#backends).
 *
 * Langfuse updates a trace from every observation it ingests, so trace-level fields come from
 * any span: the root is read first, then the others in start-time order, and the first truthy
 * value wins (session, user, name, version, release, environment; for metadata, per key).
 * Tags are the union over the spans in that order. Version, release and environment then fall
 * back to resource attributes; the name falls back to the root span's name and the environment
 * to `default`. Input and output are the root observation's.
 */
export function resolveTrace(spans: readonly ReceivedSpan[]): LangfuseTrace {
  const sorted = sortByStart(spans);
  const root = findRoot(sorted);
  const ordered = [root, ...sorted.filter((span) => span !== root)];
  const observations = sorted.map(resolveObservation);
  const byId = new Map<ReceivedSpan, LangfuseObservation>(
    sorted.map((span, n) => [span, observations[n]!]),
  );
  const rootObservation = byId.get(root)!;
  const orderedObservations = ordered.map((span) => byId.get(span)!);
  const resources = ordered.map((span) => span.resource);

  const tags: string[] = [];
  for (const span of ordered) {
    for (const tag of firstTags(span.attributes, TAGS_KEYS))
      if (!tags.includes(tag)) tags.push(tag);
  }
  const metadata: Record<string, string> = {};
  for (const observation of orderedObservations) {
    for (const [key, value] of Object.entries(observation.metadata)) {
      if (!Object.hasOwn(metadata, key)) setOwn(metadata, key, value);
    }
  }

  const sessionId = first(orderedObservations, (o) => o.sessionId);
  const userId = first(orderedObservations, (o) => o.userId);
  const version =
    first(ordered, (span) => firstTruthy(span.attributes, VERSION_KEYS)) ??
    first(resources, (resource) => firstTruthy(resource, RESOURCE_VERSION_KEYS));
  const release =
    first(ordered, (span) => firstTruthy(span.attributes, RELEASE_KEYS)) ??
    first(resources, (resource) => firstTruthy(resource, RELEASE_KEYS));
  const environment =
    first(ordered, (span) => firstTruthy(span.attributes, ENVIRONMENT_KEYS)) ??
    first(resources, (resource) => firstTruthy(resource, ENVIRONMENT_KEYS)) ??
    DEFAULT_ENVIRONMENT;

  return {
    id: root.traceId,
    name: first(ordered, (span) => firstTruthy(span.attributes, TRACE_NAME_KEYS)) ?? root.name,
    ...(sessionId !== undefined ? { sessionId } : {}),
    ...(userId !== undefined ? { userId } : {}),
    tags,
    metadata,
    ...(version !== undefined ? { version } : {}),
    ...(release !== undefined ? { release } : {}),
    environment,
    ...(rootObservation.input !== undefined ? { input: rootObservation.input } : {}),
    ...(rootObservation.output !== undefined ? { output: rootObservation.output } : {}),
    timestamp: rootObservation.startTime,
    observations,
  };
}
