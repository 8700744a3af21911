import { diag } from '@opentelemetry/api';
import { MAX_CONTENT_CHARS, maskContent } from './content-capture';

/** Options of {@link toBoundedJson}. */
export interface BoundedJsonOptions {
  /** Characters at most. Default {@link MAX_CONTENT_CHARS}. */
  maxChars?: number;
  /** The value holds content that went through the mask already: do not mask it again. */
  masked?: boolean;
}

/** Marks a string that was cut (the mark of `toContentAttribute` too). */
const CUT_MARK = '…[truncated]';

/** JSON of `value` with every string longer than `limit` cut there and marked. */
function jsonWithStringsCut(value: unknown, limit: number): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    typeof item === 'string' && item.length > limit ? `${item.slice(0, limit)}${CUT_MARK}` : item,
  );
}

function longestString(value: unknown, depth: number): number {
  if (typeof value === 'string') return value.length;
  if (typeof value !== 'object' || value === null || depth > 32) return 0;
  let longest = 0;
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    longest = Math.max(longest, longestString(item, depth + 1));
  }
  return longest;
}

/** The JSON with the largest string limit that fits `maxChars`, or undefined if none does. */
function fitByCuttingStrings(value: unknown, maxChars: number): string | undefined {
  let fits: string | undefined;
  let low = 0;
  let high = longestString(value, 0);
  while (low <= high) {
    const limit = Math.floor((low + high) / 2);
    const json = jsonWithStringsCut(value, limit);
    if (json.length <= maxChars) {
      fits = json;
      low = limit + 1;
    } else {
      high = limit - 1;
    }
  }
  return fits;
}

/**
 * `value` as JSON of at most `maxChars` characters that is still valid JSON, for the GenAI
 * content keys (backends and Threadline's own OpenInference derivation parse them, so they are
 * never cut mid-value as `langfuse.observation.input` is). Too long, the longest strings are
 * cut first, each marked `…[truncated]`; if that is not enough, a list keeps its last entries
 * (the newest messages). The configured mask (configureThreadline's `mask`) is applied
 * first, unless the value was built from content masked already (`masked: true`). Undefined
 * when nothing fits, the value cannot be serialised or the mask threw.
 */
export function toBoundedJson(
  raw: unknown,
  { maxChars = MAX_CONTENT_CHARS, masked = false }: BoundedJsonOptions = {},
): string | undefined {
  if (raw === undefined) return undefined;
  const value = masked ? raw : maskContent(raw);
  if (value === undefined) return undefined;
  try {
    const json = JSON.stringify(value);
    if (json === undefined || json.length <= maxChars) return json;
    const cut = fitByCuttingStrings(value, maxChars);
    if (cut !== undefined || !Array.isArray(value)) return cut;
    for (let keep = Math.floor(value.length / 2); keep > 0; keep = Math.floor(keep / 2)) {
      const newest = fitByCuttingStrings(value.slice(-keep), maxChars);
      if (newest !== undefined) return newest;
    }
    return undefined;
  } catch (error) {
    diag.debug('threadline: content could not be serialised', error);
    return undefined;
  }
}
