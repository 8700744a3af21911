/**
 * Phoenix is written in Python: where it turns a value into text, the text is Python's. These
 * give the same text for the values that JSON and span attributes can hold (floats print as
 * JavaScript prints them; `1.0` and `1` cannot be told apart once parsed).
 */

/** `json.dumps(value, ensure_ascii=False)`: `", "` and `": "` separators. Throws past ~5k levels. */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value).map(
      ([key, item]) => `${JSON.stringify(key)}: ${pythonJsonDumps(item)}`,
    );
    return `{${entries.join(', ')}}`;
  }
  return JSON.stringify(String(value));
}

function pythonRepr(value: unknown): string {
  if (typeof value === 'string') {
    const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
    const escaped = value.replaceAll('\\', '\\\\').replaceAll(quote, `\\${quote}`);
    return `${quote}${escaped}${quote}`;
  }
  return pythonStr(value);
}

/** `str(value)` for an attribute value: `True`, `42`, `['a', 'b']`. */
export function pythonStr(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value === null || value === undefined) return 'None';
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  return String(value);
}

/**
 * `int(value)` as Phoenix applies it to token counts: integers and integer strings (sign,
 * surrounding spaces and digit underscores allowed), floats truncated, booleans as 1 and 0.
 * Anything else is not a count.
 */
export function pythonInt(value: unknown): number | undefined {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : undefined;
  if (typeof value === 'string' && /^\s*[+-]?\d+(?:_\d+)*\s*$/.test(value)) {
    return Number(value.replaceAll('_', '').trim());
  }
  return undefined;
}

/** Python truthiness of a JSON value: `None`, `False`, `0`, `""`, `[]` and `{}` are false. */
export function pythonTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object' && value !== null) return Object.keys(value).length > 0;
  return Boolean(value);
}
