import type { ReceivedSpan } from '@threadline/read-model';

/**
 * JSON text nested deeper than this is not parsed for the page. Parsing it is legal but costly
 * (a 16 MiB body of `[` is eight million nested arrays) and nothing deeper is ever shown.
 */
export const MAX_JSON_DEPTH = 1_000;

/**
 * Whether JSON text nests brackets deeper than `limit`, counting outside strings. One pass that
 * stops at the limit; text that is not JSON at all just gives some answer, and is not parsed.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let n = 0; n < text.length; n++) {
    const c = text.charCodeAt(n);
    if (inString) {
      if (c === 0x5c)
        n += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth -= 1;
  }
  return false;
}

function looksLikeJson(text: string): boolean {
  const first = text.trimStart().charCodeAt(0);
  return first === 0x5b || first === 0x7b;
}

/** What replaces an attribute of JSON nested past {@link MAX_JSON_DEPTH}. */
export function deepJsonMarker(characters: number): string {
  return `(JSON nested deeper than ${MAX_JSON_DEPTH} levels, ${characters} characters: not shown)`;
}

/**
 * The spans with every string attribute that holds JSON nested past {@link MAX_JSON_DEPTH}
 * replaced by a marker, so resolving them never parses it. Other spans are returned as they are.
 */
export function withoutDeepJson(spans: readonly ReceivedSpan[]): ReceivedSpan[] {
  return spans.map((span) => {
    let attributes: ReceivedSpan['attributes'] | undefined;
    for (const [key, value] of Object.entries(span.attributes)) {
      if (typeof value !== 'string' || value.length <= MAX_JSON_DEPTH) continue;
      if (!looksLikeJson(value) || !nestsDeeperThan(value, MAX_JSON_DEPTH)) continue;
      attributes ??= { ...span.attributes };
      Object.defineProperty(attributes, key, {
        value: deepJsonMarker(value.length),
        writable: true,
        enumerable: true,
        configurable: true,
      });
    }
    return attributes ? { ...span, attributes } : span;
  });
}
