import type { ResolvedAttributes } from '../attributes';
import type { ScopeFrame } from '../scope/scope-frame';
import type { EmittedAttributes } from './emit-attributes';

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

/** Threadline's view of one live span, kept so that its children can inherit from it. */
export interface SpanRecord {
  /** Explicit attributes of the span and its in-process ancestors (SPEC §3 levels 1–2). */
  explicit: ResolvedAttributes;
  /** Everything the span resolved (levels 1–5, plus values stamped by a scope later). */
  resolved: ResolvedAttributes;
  /**
   * The last resolution made for a child: most children of a span start in the same scope
   * with the same explicit values, so they share one result.
   */
  childCache: ChildResolution | undefined;
  /** `resolved` as span attributes, for the dialect set named by `emittedDialects`. */
  emitted: EmittedAttributes | undefined;
  /** Which processor's dialect set `emitted` was computed for. */
  emittedDialects: string | undefined;
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
    childCache: undefined,
    emitted: undefined,
    emittedDialects: undefined,
  };
}

/** A cached resolution for a child span, valid while its inputs are the same objects. */
export interface ChildResolution {
  explicit: ResolvedAttributes;
  frame: ScopeFrame | undefined;
  baggage: ResolvedAttributes | undefined;
  parentResolved: ResolvedAttributes | undefined;
  record: SpanRecord;
}
