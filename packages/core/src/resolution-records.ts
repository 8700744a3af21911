import type { AttributeField, ResolvedAttributes } from './attributes';
import type { EmittedAttributes } from './processor/emit-attributes';

// The three records of resolution refer to one another (a frame and a span record each cache a
// child resolution, which holds a frame and a record), so they are declared together.

/**
 * Everything Threadline keeps on a context, under one key so that a span start costs one
 * context lookup: what the chain of nested scopes resolved to, the fields a scope cleared with
 * `null` (which lower precedence levels may then not fill in again), and explicit attributes
 * an adapter meant for the next span started on the context.
 */
export interface ScopeFrame {
  readonly attributes: ResolvedAttributes;
  readonly cleared: ReadonlySet<AttributeField> | undefined;
  /** docs/contract.md#precedence level 1 for the next span started on this context; never scope values. */
  readonly explicit: ResolvedAttributes | undefined;
  /** The last resolution of a span started in this scope without a recorded parent. */
  childCache: ChildResolution | undefined;
}

/** Threadline's view of one live span, kept so that its children can inherit from it. */
export interface SpanRecord {
  /** Explicit attributes of the span and its in-process ancestors (docs/contract.md#precedence levels 1–2). */
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
  /** The dialects and policy `emitted` was computed for (a processor's emit key). */
  emittedDialects: string | undefined;
}

/** A cached resolution for a child span, valid while its inputs are the same objects. */
export interface ChildResolution {
  explicit: ResolvedAttributes;
  frame: ScopeFrame | undefined;
  baggage: ResolvedAttributes | undefined;
  parentResolved: ResolvedAttributes | undefined;
  record: SpanRecord;
}
