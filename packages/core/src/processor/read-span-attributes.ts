import type { Attributes, AttributeValue } from '@opentelemetry/api';
import { EMPTY_ATTRIBUTES, type ResolvedAttributes } from '../attributes';
import type { Dialect } from '../keys/dialect-keys';
import { AI_SDK_METADATA_ATTRIBUTES } from '../keys/genai-keys';
import type { ThreadlineSettings } from '../settings';
import { validateFields } from '../validation/validate-attributes';

const TRACE_METADATA_PREFIX = 'langfuse.trace.metadata.';
const L = 'l'.charCodeAt(0);

function stringList(value: unknown): string[] | undefined {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      return Array.isArray(parsed) ? stringList(parsed) : undefined;
    } catch {
      return undefined;
    }
  }
  return text
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 0);
}

function jsonRecord(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    return parsed as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function first(...values: Array<AttributeValue | undefined>): AttributeValue | undefined {
  for (const value of values) if (value !== undefined) return value;
  return undefined;
}

const LANGFUSE_SCALARS: Readonly<Record<string, string | undefined>> = {
  __proto__: null,
  'langfuse.trace.name': 'traceName',
  'langfuse.version': 'version',
  'langfuse.release': 'release',
  'langfuse.environment': 'environment',
} as never;

const S = 's'.charCodeAt(0);
const U = 'u'.charCodeAt(0);
const A = 'a'.charCodeAt(0);
const T = 't'.charCodeAt(0);
const M = 'm'.charCodeAt(0);

/**
 * Level 1 of docs/contract.md#precedence as read off a starting span: keys of the enabled dialects that another
 * library already set (a dialect key first, then the AI SDK's telemetry metadata of docs/contract.md#framework-values).
 * Validated like any value; each distinct set of values is validated once.
 *
 * `keys` are the span's attribute keys. Span attribute objects are usually in V8's dictionary
 * mode, where every enumeration collects all keys: enumerate once, dispatching on the first
 * character so most keys cost one comparison.
 */
export function readSpanAttributes(
  attributes: Attributes,
  keys: readonly string[],
  dialects: ReadonlySet<Dialect>,
  settings: ThreadlineSettings,
): ResolvedAttributes {
  const langfuse = dialects.has('langfuse');
  const openinference = dialects.has('openinference');
  const a = attributes;
  let session: AttributeValue | undefined;
  let user: AttributeValue | undefined;
  let tags: AttributeValue | undefined;
  let lfSession: AttributeValue | undefined;
  let lfUser: AttributeValue | undefined;
  let oiTags: AttributeValue | undefined;
  let aiSession: AttributeValue | undefined;
  let aiUser: AttributeValue | undefined;
  let aiTags: AttributeValue | undefined;
  let oiMetadata: AttributeValue | undefined;
  let scalars: Record<string, unknown> | undefined;
  let metadata: Record<string, unknown> | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    switch (key.charCodeAt(0)) {
      case S:
        if (key === 'session.id') session = a[key];
        break;
      case U:
        if (key === 'user.id') user = a[key];
        break;
      case A:
        if (key === AI_SDK_METADATA_ATTRIBUTES.SESSION_ID) aiSession = a[key];
        else if (key === AI_SDK_METADATA_ATTRIBUTES.USER_ID) aiUser = a[key];
        else if (key === AI_SDK_METADATA_ATTRIBUTES.TAGS) aiTags = a[key];
        break;
      case T:
        if (openinference && key === 'tag.tags') oiTags = a[key];
        break;
      case M:
        if (openinference && key === 'metadata') oiMetadata = a[key];
        break;
      case L:
        if (!langfuse || !key.startsWith('langfuse.')) break;
        if (key.startsWith(TRACE_METADATA_PREFIX)) {
          metadata ??= Object.create(null) as Record<string, unknown>;
          metadata[key.slice(TRACE_METADATA_PREFIX.length)] = a[key];
        } else if (key === 'langfuse.session.id') lfSession = a[key];
        else if (key === 'langfuse.user.id') lfUser = a[key];
        else if (key === 'langfuse.trace.tags') tags = a[key];
        else {
          const field = LANGFUSE_SCALARS[key];
          if (field) {
            scalars ??= {};
            scalars[field] = a[key];
          }
        }
        break;
    }
  }
  const sessionId = first(session, lfSession, aiSession);
  const userId = first(user, lfUser, aiUser);
  const rawTags = first(tags, oiTags, aiTags);
  const oiRecord = jsonRecord(oiMetadata);
  if (oiRecord) metadata = { ...oiRecord, ...metadata };
  if (
    !scalars &&
    sessionId === undefined &&
    userId === undefined &&
    rawTags === undefined &&
    !metadata
  ) {
    return EMPTY_ATTRIBUTES;
  }
  // Every span of one AI SDK call carries the same session and user: the last ones read, with
  // the policy they were validated under, are known without building a cache key.
  const plain =
    !scalars &&
    !metadata &&
    rawTags === undefined &&
    (sessionId === undefined || typeof sessionId === 'string') &&
    (userId === undefined || typeof userId === 'string');
  if (
    plain &&
    last.attributes !== undefined &&
    last.sessionId === sessionId &&
    last.userId === userId &&
    last.sensitive === settings.sensitive
  ) {
    return last.attributes;
  }
  const input: Record<string, unknown> = { ...scalars };
  if (sessionId !== undefined) input.sessionId = sessionId;
  if (userId !== undefined) input.userId = userId;
  if (rawTags !== undefined) input.tags = stringList(rawTags);
  if (metadata) input.metadata = metadata;
  // The policy is part of the key: it decides which values survive.
  const key = cacheKey(input, settings.sensitive);
  if (key === undefined) return validateFields(input, settings).attributes;
  let cached = recent.get(key);
  if (!cached) {
    cached = validateFields(input, settings).attributes;
    if (recent.size >= MAX_RECENT) recent.clear();
    recent.set(key, cached);
  }
  if (plain) {
    last.sessionId = sessionId as string | undefined;
    last.userId = userId as string | undefined;
    last.sensitive = settings.sensitive;
    last.attributes = cached;
  }
  return cached;
}

/** The last plain session and user read (see readSpanAttributes), what `recent` holds for them. */
const last = {
  sessionId: undefined as string | undefined,
  userId: undefined as string | undefined,
  sensitive: undefined as string | undefined,
  attributes: undefined as ResolvedAttributes | undefined,
};

// Every span of one AI SDK call carries the same telemetry metadata: validate each distinct set
// once. Bounded: cleared when full, which only costs a re-validation.
const MAX_RECENT = 512;
const recent = new Map<string, ResolvedAttributes>();

/** A key for the common case of plain string values and string lists; undefined otherwise. */
function cacheKey(input: Record<string, unknown>, sensitive: string): string | undefined {
  let key = `${sensitive}\u0002`;
  for (const field in input) {
    const value = input[field];
    if (typeof value === 'string') key += `${field}\u0001${value}\u0002`;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
      key += `${field}\u0001${value.join('\u0003')}\u0002`;
    } else return undefined;
  }
  return key;
}
