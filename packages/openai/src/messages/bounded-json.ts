import { type Attributes, diag } from '@opentelemetry/api';
import { MAX_CONTENT_CHARS } from '@threadline/core/adapter';

const MARK = '…[truncated]';

function stringify(value: unknown, limit: number): string {
  if (limit === Number.POSITIVE_INFINITY) return JSON.stringify(value);
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'string' && v.length > limit ? v.slice(0, limit) + MARK : v,
  );
}

function longestString(value: unknown, depth = 0): number {
  if (typeof value === 'string') return value.length;
  if (typeof value !== 'object' || value === null || depth > 64) return 0;
  let longest = 0;
  for (const v of Array.isArray(value) ? value : Object.values(value)) {
    longest = Math.max(longest, longestString(v, depth + 1));
  }
  return longest;
}

/** `value` as JSON within `maxChars`, its strings cut to the longest length that fits. */
function shortenStrings(value: unknown, maxChars: number): string | undefined {
  let lo = 0;
  let hi = longestString(value);
  let best: string | undefined;
  while (lo <= hi) {
    const limit = (lo + hi) >> 1;
    const json = stringify(value, limit);
    if (json.length <= maxChars) {
      best = json;
      lo = limit + 1;
    } else {
      hi = limit - 1;
    }
  }
  return best;
}

/**
 * `value` as JSON for a span attribute, at most `maxChars` long and still valid JSON: GenAI
 * backends parse the message attributes, so they are never cut mid-value as
 * `langfuse.observation.input` is. Too long, its longest strings are cut first (each marked
 * `…[truncated]`); if that is not enough, a list keeps its newest entries. Never throws: a
 * value that cannot be serialised gives undefined.
 */
export function toBoundedJson(
  value: unknown,
  maxChars: number = MAX_CONTENT_CHARS,
): string | undefined {
  try {
    const json = stringify(value, Number.POSITIVE_INFINITY);
    if (json === undefined || json.length <= maxChars) return json;
    const shortened = shortenStrings(value, maxChars);
    if (shortened !== undefined || !Array.isArray(value)) return shortened;
    for (let keep = value.length >> 1; keep >= 1; keep >>= 1) {
      const tail = shortenStrings(value.slice(-keep), maxChars);
      if (tail !== undefined) return tail;
    }
    return undefined;
  } catch (error) {
    diag.debug('threadline: content could not be serialised', error);
    return undefined;
  }
}

/** Writes `value` under `key` as bounded JSON ({@link toBoundedJson}), unless it is undefined. */
export function writeBoundedJson(key: string, value: unknown, out: Attributes): void {
  if (value === undefined) return;
  const json = toBoundedJson(value);
  if (json !== undefined) out[key] = json;
}
