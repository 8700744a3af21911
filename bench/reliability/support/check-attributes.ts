import type { Attributes, AttributeValue } from '@opentelemetry/api';

const PRINTABLE_ASCII = /^[\x20-\x7E]{1,200}$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const ENVIRONMENT = /^(?!langfuse)[a-z0-9_-]{1,40}$/;
const METADATA_KEY = /^[A-Za-z0-9_-]{1,64}$/;
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);
const METADATA_PREFIX = 'langfuse.trace.metadata.';

const codePoints = (text: string) => [...text].length;

function isText(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    codePoints(value) <= 200 &&
    !CONTROL.test(value)
  );
}

function isTagList(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.length <= 50 &&
    new Set(value).size === value.length &&
    value.every(isText)
  );
}

function isMetadataValue(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0 && codePoints(value) <= 200;
}

function isMetadataKey(key: string): boolean {
  return METADATA_KEY.test(key) && !RESERVED.has(key);
}

/** Whether a value is one OpenTelemetry accepts: a primitive or a homogeneous primitive array. */
export function isAttributeValue(value: unknown): value is AttributeValue {
  if (value === null || value === undefined) return false;
  const t = typeof value;
  if (t === 'string' || t === 'boolean') return true;
  if (t === 'number') return true;
  if (!Array.isArray(value)) return false;
  let kind: string | undefined;
  for (const item of value) {
    if (item === null || item === undefined) continue;
    const k = typeof item;
    if (k !== 'string' && k !== 'number' && k !== 'boolean') return false;
    kind ??= k;
    if (k !== kind) return false;
  }
  return true;
}

/**
 * What is wrong with the Threadline keys among `attributes` (docs/contract.md#fields, #dialects), one message per
 * problem; empty when everything is valid. Only `keys` are checked (default: all), so keys that
 * another library set itself, and Threadline never overwrites, can be left out.
 */
export function attributeProblems(
  attributes: Attributes,
  keys: Iterable<string> = Object.keys(attributes),
  { maxMetadataKeys = 50 }: { maxMetadataKeys?: number } = {},
): string[] {
  const problems: string[] = [];
  const bad = (key: string, why: string) =>
    problems.push(`${key}: ${why} (${JSON.stringify(attributes[key])?.slice(0, 80)})`);
  let metadataKeys = 0;
  for (const key of keys) {
    const value = attributes[key];
    if (!isAttributeValue(value)) bad(key, 'not an OpenTelemetry attribute value');
    if (key.startsWith('gen_ai.')) bad(key, 'a gen_ai.* key on a span Threadline did not make');
    switch (key) {
      case 'session.id':
      case 'user.id':
        if (typeof value !== 'string' || !PRINTABLE_ASCII.test(value)) bad(key, 'not an id');
        break;
      case 'langfuse.trace.name':
      case 'langfuse.version':
      case 'langfuse.release':
        if (!isText(value)) bad(key, 'not a valid text');
        break;
      case 'langfuse.environment':
        if (typeof value !== 'string' || !ENVIRONMENT.test(value)) bad(key, 'not an environment');
        break;
      case 'langfuse.trace.tags':
      case 'tag.tags':
        if (!isTagList(value)) bad(key, 'not a valid tag list');
        break;
      case 'metadata': {
        let parsed: unknown;
        try {
          parsed = typeof value === 'string' ? JSON.parse(value) : undefined;
        } catch {}
        const entries =
          parsed && typeof parsed === 'object' && !Array.isArray(parsed)
            ? Object.entries(parsed)
            : undefined;
        if (
          !entries ||
          entries.length > 50 ||
          !entries.every(([k, v]) => isMetadataKey(k) && isMetadataValue(v))
        ) {
          bad(key, 'not a valid metadata JSON object');
        }
        break;
      }
      default:
        if (key.startsWith(METADATA_PREFIX)) {
          metadataKeys++;
          if (!isMetadataKey(key.slice(METADATA_PREFIX.length))) bad(key, 'invalid metadata key');
          if (!isMetadataValue(value)) bad(key, 'invalid metadata value');
        }
    }
  }
  if (metadataKeys > maxMetadataKeys) {
    problems.push(`${metadataKeys} metadata keys (at most ${maxMetadataKeys})`);
  }
  return problems;
}

/** The keys of `attributes` that Threadline's dialects write (docs/contract.md#dialects). */
export function threadlineKeys(attributes: Attributes): string[] {
  return Object.keys(attributes).filter(
    (key) =>
      key === 'session.id' ||
      key === 'user.id' ||
      key === 'tag.tags' ||
      key === 'metadata' ||
      key.startsWith('langfuse.trace.') ||
      key === 'langfuse.version' ||
      key === 'langfuse.release' ||
      key === 'langfuse.environment',
  );
}
