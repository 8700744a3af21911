import { diag } from '@opentelemetry/api';
import { MAX_CONTENT_CHARS } from '@threadline/core/adapter';

const CUT = '…[truncated]';

/** JSON of `value` with every string longer than `limit` cut to `limit` characters and marked. */
function withStringsCut(value: unknown, limit: number): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    typeof item === 'string' && item.length > limit ? item.slice(0, limit) + CUT : item,
  );
}

function longestString(value: unknown, depth: number): number {
  if (typeof value === 'string') return value.length;
  if (typeof value !== 'object' || value === null || depth > 32) return 0;
  let longest = 0;
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    const length = longestString(item, depth + 1);
    if (length > longest) longest = length;
  }
  return longest;
}

/** The JSON of `value` within `maxChars` with the least cut from its strings, if any fits. */
function fitByCuttingStrings(value: unknown, maxChars: number): string | undefined {
  let fits: string | undefined;
  let low = 0;
  let high = longestString(value, 0);
  while (low <= high) {
    const limit = Math.floor((low + high) / 2);
    const json = withStringsCut(value, limit);
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
 * `value` as JSON of at most `maxChars` characters that is still valid JSON: GenAI backends
 * parse these attributes, so they are never cut mid-value. Too long, its longest strings are
 * cut first (each marked `…[truncated]`); if that is not enough, a list keeps its latest
 * entries (the newest messages). Undefined when nothing fits or `value` cannot be serialised.
 * Never throws.
 */
export function toBoundedJson(
  value: unknown,
  maxChars: number = MAX_CONTENT_CHARS,
): string | undefined {
  try {
    const json = JSON.stringify(value);
    if (json === undefined || json.length <= maxChars) return json;
    const cut = fitByCuttingStrings(value, maxChars);
    if (cut !== undefined || !Array.isArray(value)) return cut;
    for (let keep = Math.floor(value.length / 2); keep > 0; keep = Math.floor(keep / 2)) {
      const latest = fitByCuttingStrings(value.slice(-keep), maxChars);
      if (latest !== undefined) return latest;
    }
    return undefined;
  } catch (error) {
    diag.debug('threadline: content could not be serialised', error);
    return undefined;
  }
}
