/** A non-null, non-array object. */
export function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` when it is a finite number. */
export function numberOr(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** `value` when it is a non-empty string. */
export function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Stop sequences as a string array (the API takes a string or an array). */
export function stopSequences(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return undefined;
  const out = value.filter((s): s is string => typeof s === 'string');
  return out.length > 0 ? out : undefined;
}
