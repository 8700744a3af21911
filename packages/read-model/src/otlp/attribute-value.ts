import { setOwn } from '../set-own';
import type { ReceivedAttributeValue } from './received-span';

type Primitive = string | number | boolean;

function isPrimitive(value: unknown): value is Primitive {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function asPrimitive(value: unknown): Primitive | undefined {
  if (isPrimitive(value)) return value;
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'bigint') return value.toString();
  // A key-value list or nested array has no place in a span attribute of the OpenTelemetry
  // API; OTLP allows it, so keep it readable rather than lose it.
  return JSON.stringify(value);
}

/**
 * Narrows a decoded value to what a span attribute can hold. Null array members (the API lets
 * an array carry them; OTLP sends them as empty values) are dropped; nested structures become
 * JSON strings. Returns undefined for a value that is absent altogether.
 */
export function toAttributeValue(value: unknown): ReceivedAttributeValue | undefined {
  if (Array.isArray(value)) {
    const out: Primitive[] = [];
    for (const item of value) {
      const primitive = asPrimitive(item);
      if (primitive !== undefined) out.push(primitive);
    }
    return out;
  }
  return asPrimitive(value);
}

/** Applies {@link toAttributeValue} to each entry, dropping absent values. */
export function toAttributeRecord(
  attributes: Record<string, unknown>,
): Record<string, ReceivedAttributeValue> {
  const out: Record<string, ReceivedAttributeValue> = {};
  for (const [key, value] of Object.entries(attributes)) {
    const converted = toAttributeValue(value);
    if (converted !== undefined) setOwn(out, key, converted);
  }
  return out;
}
