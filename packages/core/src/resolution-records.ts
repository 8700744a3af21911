import type { AttributeValue } from '@opentelemetry/api';
import type { AttributeField, ResolvedAttributes } from './attributes';

// The records of resolution refer to one another (a frame and a span record each cache a child
// resolution, which names a frame and a record), so they are declared together.

/**
 * The last resolution made for a child span, valid while its inputs are the same objects. Its
 * fields sit on the frame or record itself rather than in an object of their own: with
 * thousands of live scopes every span start reads a parent that is cold in the CPU cache, and
 * each further object on the way is one more memory load the start waits for.
 */
export interface ChildSlot {
  /** The child's own explicit values (the frame's are known by the frame). */
  childExplicit: ResolvedAttributes | undefined;
  childFrame: ScopeFrame | undefined;
  childBaggage: ResolvedAttributes | undefined;
  /** The cached result; undefined until the first child resolves. */
  childRecord: SpanRecord | undefined;
}

/**
 * Emitted attributes ready to set on a span: the key list (shared between holders of one key
 * shape) and the values, the first four again as fields of the holder itself: with thousands of
 * live sessions the holder is cold at every span start, and the array would be one more load.
 */
export interface EmittedSlot {
  /** The processor emit key (dialects and policy) the emitted fields are for. */
  emitKey: string | undefined;
  emittedKeys: readonly string[] | undefined;
  /** The values of `emittedKeys`, index by index. */
  emittedValues: readonly AttributeValue[] | undefined;
  emitted0: AttributeValue | undefined;
  emitted1: AttributeValue | undefined;
  emitted2: AttributeValue | undefined;
  emitted3: AttributeValue | undefined;
}

/**
 * Everything Threadline keeps on a context, under one key so that a span start costs one
 * context lookup: what the chain of nested scopes resolved to, the fields a scope cleared with
 * `null` (which lower precedence levels may then not fill in again), and explicit attributes
 * an adapter meant for the next span started on the context. As a {@link ChildSlot} it keeps
 * the last resolution of a span started in this scope without a recorded parent.
 *
 * It also keeps the last span start on it whose parent added nothing to the scope (the usual
 * span under a request span): for the next bare span with that parent, the record and the
 * emitted attributes are read from the frame alone, never from the parent span or its record,
 * which are cold with thousands of live scopes. The parent's record can change only by a stamp,
 * which moves the record epoch on; once the parent ends, a child resolves without it to the
 * same values, since it added nothing.
 */
export interface ScopeFrame extends ChildSlot, EmittedSlot {
  readonly attributes: ResolvedAttributes;
  readonly cleared: ReadonlySet<AttributeField> | undefined;
  /** docs/contract.md#precedence level 1 for the next span started on this context; never scope values. */
  readonly explicit: ResolvedAttributes | undefined;
  /** The parent span (or none) of the kept start. */
  bareParent: object | undefined;
  /** The record epoch the kept start was made in. */
  bareEpoch: number;
  /** The record of the kept start; undefined until one is kept. The emitted fields are its. */
  bareRecord: SpanRecord | undefined;
}

/**
 * Threadline's view of one live span, kept so that its children can inherit from it. Spans
 * that resolved alike share one record (a child whose resolution adds nothing shares its
 * parent's), so `explicit` and `resolved` never change once made; a stamp replaces the record.
 * As a {@link ChildSlot} it keeps the last resolution made for a child: most children of a span
 * start in the same scope with the same explicit values, so they share one result.
 */
export interface SpanRecord extends ChildSlot, EmittedSlot {
  /** Explicit attributes of the span and its in-process ancestors (docs/contract.md#precedence levels 1–2). */
  readonly explicit: ResolvedAttributes;
  /** Everything the span resolved (levels 1–5, plus values stamped by a scope later). */
  readonly resolved: ResolvedAttributes;
}
