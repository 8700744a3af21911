import type { Attributes, Span } from '@opentelemetry/api';
import type { EmittedSlot } from '../resolution-records';
import type { EmittedAttributes } from './emit-attributes';

/** Keeps `emitted` on `record` for the processor whose emit key is `emitKey`. */
export function storeEmitted(
  record: EmittedSlot,
  emitted: EmittedAttributes,
  emitKey: string,
): void {
  const { keys, values } = emitted;
  record.emittedKeys = keys;
  record.emittedValues = values;
  record.emitted0 = values[0];
  record.emitted1 = values[1];
  record.emitted2 = values[2];
  record.emitted3 = values[3];
  // Last: a record is only taken as emitted for this key once every field is in place.
  record.emitKey = emitKey;
}

/** Copies the emitted fields of `from` onto `to`, for the same emit key. */
export function copyEmitted(to: EmittedSlot, from: EmittedSlot): void {
  to.emitKey = undefined;
  to.emittedKeys = from.emittedKeys;
  to.emittedValues = from.emittedValues;
  to.emitted0 = from.emitted0;
  to.emitted1 = from.emitted1;
  to.emitted2 = from.emitted2;
  to.emitted3 = from.emitted3;
  to.emitKey = from.emitKey;
}

/**
 * Sets a record's (or frame's) emitted attributes on `span`; with `existing`, only the keys the
 * span does not carry yet. The first four values come from the holder's own fields (see
 * EmittedSlot).
 */
export function setRecordEmitted(span: Span, record: EmittedSlot, existing?: Attributes): void {
  const keys = record.emittedKeys!;
  const count = keys.length;
  if (count > 0) setOne(span, keys[0]!, record.emitted0, existing);
  if (count > 1) setOne(span, keys[1]!, record.emitted1, existing);
  if (count > 2) setOne(span, keys[2]!, record.emitted2, existing);
  if (count > 3) setOne(span, keys[3]!, record.emitted3, existing);
  if (count > 4) {
    const values = record.emittedValues!;
    for (let i = 4; i < count; i++) setOne(span, keys[i]!, values[i], existing);
  }
}

function setOne(
  span: Span,
  key: string,
  value: Attributes[string],
  existing: Attributes | undefined,
): void {
  if (existing === undefined || existing[key] === undefined) span.setAttribute(key, value!);
}
