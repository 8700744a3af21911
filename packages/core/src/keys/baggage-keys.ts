/**
 * W3C baggage member names (docs/contract.md#baggage). They are the ones the Langfuse SDKs use, so a downstream
 * service that runs a Langfuse SDK reads them too.
 */
export const BAGGAGE_KEYS = {
  /** Session id. */
  SESSION_ID: 'langfuse_session_id',
  /** User id. */
  USER_ID: 'langfuse_user_id',
  /** Trace name. */
  TRACE_NAME: 'langfuse_trace_name',
  /** Application version. */
  VERSION: 'langfuse_version',
  /** Application release. */
  RELEASE: 'langfuse_release',
  /** Deployment environment. */
  ENVIRONMENT: 'langfuse_environment',
  /** Tags, comma-joined. */
  TAGS: 'langfuse_tags',
  /** Prefix of one member per metadata entry. */
  METADATA_PREFIX: 'langfuse_metadata_',
} as const;

/** W3C baggage limits for the whole header. */
export const BAGGAGE_LIMITS = {
  /** Bytes in the whole `baggage` header. */
  MAX_HEADER_BYTES: 8192,
  /** Members in the whole `baggage` header. */
  MAX_MEMBERS: 180,
} as const;
