import type { ResolvedAttributes } from '../attributes';
import type { SpanRecord } from '../resolution-records';

export type { SpanRecord };

// Registered symbol: the ESM and CJS builds of this package, if both are loaded, share it.
const RECORD = Symbol.for('threadline.span-record.v1');

type Carrier = { [RECORD]?: SpanRecord | undefined };

/**
 * Threadline's record of a live span. It rides on the span object itself: a property lookup is
 * several times cheaper than a WeakMap on this per-span hot path, and the record goes with the
 * span when the span is collected, so spans that never end cost nothing once unreachable.
 */
export function getSpanRecord(span: object): SpanRecord | undefined {
  return (span as Carrier)[RECORD];
}

/** Attaches a record to a span (replacing any previous one). */
export function setSpanRecord(span: object, record: SpanRecord): void {
  (span as Carrier)[RECORD] = record;
}

/** Forgets a span's record once the span has ended: only live spans pass values on. */
export function clearSpanRecord(span: object): void {
  // Assigning rather than deleting keeps the span's hidden class stable.
  if ((span as Carrier)[RECORD] !== undefined) (span as Carrier)[RECORD] = undefined;
}

/**
 * A record with every field present: records are read at every span start, and one shape
 * keeps those reads monomorphic.
 */
export function newSpanRecord(
  explicit: ResolvedAttributes,
  resolved: ResolvedAttributes,
): SpanRecord {
  return {
    explicit,
    resolved,
    childExplicit: undefined,
    childFrame: undefined,
    childBaggage: undefined,
    childRecord: undefined,
    emitKey: undefined,
    emittedKeys: undefined,
    emittedValues: undefined,
    emitted0: undefined,
    emitted1: undefined,
    emitted2: undefined,
    emitted3: undefined,
  };
}
