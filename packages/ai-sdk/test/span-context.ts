import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

const METADATA_PREFIX = 'langfuse.trace.metadata.';

/** The keys (docs/contract.md#dialects; otel + langfuse dialects) a span carries, as Threadline fields. */
export interface SpanContextFields {
  sessionId?: unknown;
  userId?: unknown;
  tags?: unknown;
  traceName?: unknown;
  metadata?: Record<string, unknown>;
}

/** What a finished span carries under the keys of docs/contract.md#dialects; absent keys are left out. */
export function contextOf(span: ReadableSpan): SpanContextFields {
  const a = span.attributes;
  const fields: SpanContextFields = {};
  if (a['session.id'] !== undefined) fields.sessionId = a['session.id'];
  if (a['user.id'] !== undefined) fields.userId = a['user.id'];
  if (a['langfuse.trace.tags'] !== undefined) fields.tags = a['langfuse.trace.tags'];
  if (a['langfuse.trace.name'] !== undefined) fields.traceName = a['langfuse.trace.name'];
  for (const key of Object.keys(a)) {
    if (!key.startsWith(METADATA_PREFIX)) continue;
    fields.metadata ??= {};
    fields.metadata[key.slice(METADATA_PREFIX.length)] = a[key];
  }
  return fields;
}

/** `name → fields` for every span, so a failure names the span that lost its context. */
export function contextsByName(spans: readonly ReadableSpan[]): Array<[string, SpanContextFields]> {
  return spans.map((span) => [span.name, contextOf(span)]);
}
