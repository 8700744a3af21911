/** The marker a cut value ends with, as toContentAttribute writes it. */
export const TRUNCATED_MARKER = '…[truncated]';

/** Attribute strings longer than this are not parsed as JSON: the work stays bounded. */
export const MAX_PARSED_CHARS = 262_144;

/** `text` cut to `max` characters (never inside a surrogate pair), with the truncation marker. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}${TRUNCATED_MARKER}`;
}

/** Whether a string value reads as JSON (an object or array that was not cut). */
export function isJsonText(text: string): boolean {
  const first = text.charCodeAt(0);
  // `{` or `[`
  return (first === 0x7b || first === 0x5b) && !text.endsWith(TRUNCATED_MARKER);
}

/** Whether `text` is JSON that parses (an object or array, not cut, not too long to parse). */
export function isValidJson(text: string): boolean {
  return parseJson(text) !== undefined;
}

/** `text` parsed as JSON when it looks like an object or array and is not too long to parse. */
export function parseJson(text: unknown): unknown {
  if (typeof text !== 'string' || text.length > MAX_PARSED_CHARS || !isJsonText(text)) {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A value as text: a string as it is, anything else as JSON (undefined if it has none). */
export function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return undefined;
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}
