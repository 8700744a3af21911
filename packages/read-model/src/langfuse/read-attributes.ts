/**
 * Readers for attribute values as the Langfuse server treats them (docs/contract.md#backends): a key counts only
 * when its value is truthy, so an empty string or zero falls through to the next key.
 */

type Attributes = Readonly<Record<string, unknown>>;

/** A truthy string or number as a string; anything else is absent. */
export function truthyString(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number')
    return value === 0 || Number.isNaN(value) ? undefined : String(value);
  return undefined;
}

/** The first key, in order, with a truthy value. */
export function firstTruthy(attributes: Attributes, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = truthyString(attributes[key]);
    if (value !== undefined) return value;
  }
  return undefined;
}

/**
 * Tags from an array, a JSON array string or a comma list. Empty entries are dropped and
 * duplicates removed, first occurrence kept.
 */
export function parseTags(value: unknown): string[] {
  let items: unknown[];
  if (Array.isArray(value)) items = value;
  else if (typeof value === 'string') {
    const text = value.trim();
    items = text.split(',');
    if (text.startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (Array.isArray(parsed)) items = parsed;
      } catch {
        // Not JSON after all: a comma list that happens to start with a bracket.
      }
    }
  } else return [];
  const tags: string[] = [];
  for (const item of items) {
    const tag = typeof item === 'string' ? item.trim() : truthyString(item);
    if (tag && !tags.includes(tag)) tags.push(tag);
  }
  return tags;
}

/** The first key, in order, that gives at least one tag. */
export function firstTags(attributes: Attributes, keys: readonly string[]): string[] {
  for (const key of keys) {
    const tags = parseTags(attributes[key]);
    if (tags.length > 0) return tags;
  }
  return [];
}

/** A value as Langfuse stores metadata: strings as they are, anything else as JSON. */
export function metadataString(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A JSON string parsed when it parses, else the value itself. */
export function parseJsonLoosely(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** A finite, non-negative number (or numeric string) as a count, else undefined. */
export function count(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
}
