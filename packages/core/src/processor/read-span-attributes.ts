import type { Attributes } from '@opentelemetry/api';
import { EMPTY_ATTRIBUTES, type ResolvedAttributes } from '../attributes';
import type { Dialect } from '../keys/dialect-keys';
import { AI_SDK_METADATA_ATTRIBUTES } from '../keys/genai-keys';
import type { ThreadlineSettings } from '../settings';
import { validateAttributes } from '../validation/validate-attributes';

const TRACE_METADATA_PREFIX = 'langfuse.trace.metadata.';

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

/**
 * Level 1 of SPEC §3 as read off a starting span: keys of the enabled dialects that another
 * library already set, and the AI SDK's telemetry metadata (SPEC §6). Validated like any value.
 */
export function readSpanAttributes(
  attributes: Attributes,
  dialects: ReadonlySet<Dialect>,
  settings: ThreadlineSettings,
): ResolvedAttributes {
  let input: Record<string, unknown> | undefined;
  let metadata: Record<string, unknown> | undefined;
  const langfuse = dialects.has('langfuse');
  const openinference = dialects.has('openinference');
  const set = (field: string, value: unknown) => {
    input ??= {};
    if (input[field] === undefined) input[field] = value;
  };
  for (const key in attributes) {
    const value = attributes[key];
    switch (key) {
      case 'session.id':
      case AI_SDK_METADATA_ATTRIBUTES.SESSION_ID:
        set('sessionId', value);
        break;
      case 'user.id':
      case AI_SDK_METADATA_ATTRIBUTES.USER_ID:
        set('userId', value);
        break;
      case AI_SDK_METADATA_ATTRIBUTES.TAGS:
        set('tags', stringList(value));
        break;
      case 'langfuse.session.id':
        if (langfuse) set('sessionId', value);
        break;
      case 'langfuse.user.id':
        if (langfuse) set('userId', value);
        break;
      case 'langfuse.trace.name':
        if (langfuse) set('traceName', value);
        break;
      case 'langfuse.version':
        if (langfuse) set('version', value);
        break;
      case 'langfuse.release':
        if (langfuse) set('release', value);
        break;
      case 'langfuse.environment':
        if (langfuse) set('environment', value);
        break;
      case 'langfuse.trace.tags':
        if (langfuse) set('tags', stringList(value));
        break;
      case 'tag.tags':
        if (openinference) set('tags', stringList(value));
        break;
      case 'metadata':
        if (openinference) {
          const record = jsonRecord(value);
          if (record) metadata = { ...record, ...metadata };
        }
        break;
      default:
        if (langfuse && key.startsWith(TRACE_METADATA_PREFIX)) {
          metadata ??= Object.create(null) as Record<string, unknown>;
          metadata[key.slice(TRACE_METADATA_PREFIX.length)] = value;
        }
    }
  }
  if (metadata) set('metadata', metadata);
  if (!input) return EMPTY_ATTRIBUTES;
  const key = cacheKey(input);
  if (key === undefined) return validateAttributes(input, settings).attributes;
  let cached = recent.get(key);
  if (!cached) {
    cached = validateAttributes(input, settings).attributes;
    if (recent.size >= MAX_RECENT) recent.clear();
    recent.set(key, cached);
  }
  return cached;
}

// Every span of one AI SDK call carries the same telemetry metadata: validate each distinct set
// once. Bounded: cleared when full, which only costs a re-validation.
const MAX_RECENT = 512;
const recent = new Map<string, ResolvedAttributes>();

/** A key for the common case of plain string values and string lists; undefined otherwise. */
function cacheKey(input: Record<string, unknown>): string | undefined {
  let key = '';
  for (const field in input) {
    const value = input[field];
    if (typeof value === 'string') key += `${field}\u0001${value}\u0002`;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
      key += `${field}\u0001${value.join('\u0003')}\u0002`;
    } else return undefined;
  }
  return key;
}
