/**
 * The span attribute keys of each dialect (docs/contract.md#dialects). One object per dialect so a processor can
 * pick the dialects it emits and write each key once.
 */

/** OpenTelemetry semantic-convention registry keys. */
export const OTEL_ATTRIBUTES = {
  /** The conversation (session) the span belongs to. */
  SESSION_ID: 'session.id',
  /** The end user on whose behalf the span ran. */
  USER_ID: 'user.id',
} as const;

/** Keys the Langfuse server reads on OTLP ingestion. */
export const LANGFUSE_ATTRIBUTES = {
  /** Session id; Langfuse reads `langfuse.session.id` first, then `session.id`, so we write the latter once. */
  SESSION_ID: 'session.id',
  /** User id; Langfuse reads `langfuse.user.id` first, then `user.id`, so we write the latter once. */
  USER_ID: 'user.id',
  /** Name of the trace as shown in Langfuse. */
  TRACE_NAME: 'langfuse.trace.name',
  /** Trace tags, as a string array. */
  TRACE_TAGS: 'langfuse.trace.tags',
  /** Prefix of one key per metadata entry: `langfuse.trace.metadata.<key>`. */
  TRACE_METADATA_PREFIX: 'langfuse.trace.metadata.',
  /** Application version. */
  VERSION: 'langfuse.version',
  /** Application release. */
  RELEASE: 'langfuse.release',
  /** Deployment environment, e.g. `production`. */
  ENVIRONMENT: 'langfuse.environment',
} as const;

/** Keys Arize Phoenix / OpenInference reads. */
export const OPENINFERENCE_ATTRIBUTES = {
  /** Session id. */
  SESSION_ID: 'session.id',
  /** User id. */
  USER_ID: 'user.id',
  /** Tags, as a string array. */
  TAGS: 'tag.tags',
  /** All metadata as one JSON object string. */
  METADATA: 'metadata',
} as const;

/** The dialects a processor can emit. */
export type Dialect = 'otel' | 'langfuse' | 'openinference';

/** The dialects emitted when none are named: `otel` + `langfuse`. */
export const DEFAULT_DIALECTS: readonly Dialect[] = ['otel', 'langfuse'];
