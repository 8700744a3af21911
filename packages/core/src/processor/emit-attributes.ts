import type { Attributes, AttributeValue } from '@opentelemetry/api';
import type { ResolvedAttributes } from '../attributes';
import {
  type Dialect,
  LANGFUSE_ATTRIBUTES,
  OPENINFERENCE_ATTRIBUTES,
  OTEL_ATTRIBUTES,
} from '../keys/dialect-keys';

/**
 * Emitted attributes as parallel arrays: setting them key by key skips the enumeration and
 * own-property checks `Span.setAttributes` makes, on the hottest path of the processor.
 */
export interface EmittedAttributes {
  readonly keys: readonly string[];
  readonly values: readonly AttributeValue[];
}

/** Key lists by shape; bounded, since metadata keys come from the application. */
const sharedKeys = new Map<string, readonly string[]>();
const MAX_SHARED_KEY_LISTS = 256;

/**
 * One array for every list of the same keys: the records of thousands of sessions then share a
 * few key arrays, which stay in the CPU cache, instead of each span start loading its own.
 */
function shareKeys(keys: string[]): readonly string[] {
  const shape = keys.join('\n');
  const known = sharedKeys.get(shape);
  if (known) return known;
  // Left unfrozen: frozen arrays take a slower element path, and these never leave core.
  if (sharedKeys.size < MAX_SHARED_KEY_LISTS) sharedKeys.set(shape, keys);
  return keys;
}

/** Emitted attributes in array form. */
export function toEmitted(attributes: Attributes): EmittedAttributes {
  const keys = Object.keys(attributes);
  return { keys: shareKeys(keys), values: keys.map((key) => attributes[key]!) };
}

/**
 * The span attributes that express `resolved` in the given dialects (docs/contract.md#dialects), each key once.
 * Never a `gen_ai.*` key: Langfuse's exporter would export every span that has one.
 */
export function emitAttributes(
  resolved: ResolvedAttributes,
  dialects: ReadonlySet<Dialect>,
): Attributes {
  const out: Attributes = {};
  if (dialects.size === 0) return out;
  if (resolved.sessionId !== undefined) out[OTEL_ATTRIBUTES.SESSION_ID] = resolved.sessionId;
  if (resolved.userId !== undefined) out[OTEL_ATTRIBUTES.USER_ID] = resolved.userId;
  if (dialects.has('langfuse')) {
    if (resolved.traceName !== undefined) out[LANGFUSE_ATTRIBUTES.TRACE_NAME] = resolved.traceName;
    if (resolved.tags !== undefined)
      out[LANGFUSE_ATTRIBUTES.TRACE_TAGS] = resolved.tags as string[];
    if (resolved.version !== undefined) out[LANGFUSE_ATTRIBUTES.VERSION] = resolved.version;
    if (resolved.release !== undefined) out[LANGFUSE_ATTRIBUTES.RELEASE] = resolved.release;
    if (resolved.environment !== undefined) {
      out[LANGFUSE_ATTRIBUTES.ENVIRONMENT] = resolved.environment;
    }
    for (const key in resolved.metadata) {
      out[LANGFUSE_ATTRIBUTES.TRACE_METADATA_PREFIX + key] = resolved.metadata[key];
    }
  }
  if (dialects.has('openinference')) {
    if (resolved.tags !== undefined) out[OPENINFERENCE_ATTRIBUTES.TAGS] = resolved.tags as string[];
    if (resolved.metadata !== undefined) {
      out[OPENINFERENCE_ATTRIBUTES.METADATA] = JSON.stringify(resolved.metadata);
    }
  }
  return out;
}
