import type { AttributeValue } from '@opentelemetry/api';
import type { ResolvedAttributes } from '@threadline/core';

/**
 * Metadata keys that carry Threadline fields in the AI SDK's telemetry metadata (docs/contract.md#framework-values): a
 * Threadline metadata key of the same name would be read as the field, so it stays out.
 */
const FIELD_KEYS: ReadonlySet<string> = new Set(['sessionId', 'userId', 'tags']);

/**
 * Resolved attributes as the AI SDK's `experimental_telemetry.metadata`, which reaches every
 * span of the call as `ai.telemetry.metadata.<key>`: backends that read only those keys (the
 * Langfuse server reads them, docs/contract.md#backends) see session, user, tags and metadata too.
 */
export function toTelemetryMetadata(resolved: ResolvedAttributes): Record<string, AttributeValue> {
  const metadata: Record<string, AttributeValue> = {};
  if (resolved.metadata) {
    for (const key of Object.keys(resolved.metadata)) {
      if (!FIELD_KEYS.has(key)) metadata[key] = resolved.metadata[key]!;
    }
  }
  if (resolved.sessionId !== undefined) metadata.sessionId = resolved.sessionId;
  if (resolved.userId !== undefined) metadata.userId = resolved.userId;
  // A fresh mutable array: AttributeValue has no readonly arrays, and resolved values are frozen.
  if (resolved.tags !== undefined && resolved.tags.length > 0) metadata.tags = [...resolved.tags];
  return metadata;
}
