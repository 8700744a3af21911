import type { ScopeFrame } from '../scope/scope-frame';

/** What a scope asks of the processor that started the span active when the scope is entered. */
export interface SpanOwner {
  stamp(span: object, frame: ScopeFrame): void;
}

// Registered symbol: the ESM and CJS builds of this package, if both are loaded, share it.
const OWNER = Symbol.for('threadline.span-owner');

type Owned = { [OWNER]?: SpanOwner };

/**
 * Marks `span` as started by `owner`, so that only that processor stamps it later: two tracer
 * providers in one process, each with its own processor and policy, never write each other's
 * spans.
 */
export function setSpanOwner(span: object, owner: SpanOwner): void {
  (span as Owned)[OWNER] = owner;
}

/** Has the processor that started `span` (if a Threadline processor did) stamp it. */
export function stampSpan(span: object, frame: ScopeFrame): void {
  (span as Owned)[OWNER]?.stamp(span, frame);
}
