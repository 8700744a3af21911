import type { ResolvedAttributes } from '../attributes';
import type { ScopeFrame } from '../scope/scope-frame';

/** Threadline's view of one live span, kept so that its children can inherit from it. */
export interface SpanRecord {
  /** Explicit attributes of the span and its in-process ancestors (SPEC §3 levels 1–2). */
  explicit: ResolvedAttributes;
  /** Everything the span resolved (levels 1–5, plus values stamped by a scope later). */
  resolved: ResolvedAttributes;
  /**
   * The last resolution made for a child that brought no explicit values of its own: most
   * children of a span start in the same scope, so they share one result.
   */
  childCache?: ChildResolution;
}

/** A cached resolution for a child span, valid while its inputs are the same objects. */
export interface ChildResolution {
  frame: ScopeFrame | undefined;
  baggage: ResolvedAttributes | undefined;
  parentResolved: ResolvedAttributes;
  record: SpanRecord;
}
