import { EMPTY_ATTRIBUTES, type ResolvedAttributes } from '../attributes';
import { mergeAttributes, withoutFields } from '../scope/merge-attributes';
import type { ScopeFrame } from '../scope/scope-frame';
import { type ChildResolution, newSpanRecord, type SpanRecord } from './span-record';

function resolveUncached(
  own: ResolvedAttributes,
  parent: SpanRecord | undefined,
  frame: ScopeFrame | undefined,
  baggage: ResolvedAttributes | undefined,
): SpanRecord {
  const explicit = parent ? mergeAttributes(parent.explicit, own) : own;
  // Levels 4 and 5 may not fill in what a scope cleared with null.
  let lower = baggage ?? EMPTY_ATTRIBUTES;
  if (parent) lower = mergeAttributes(lower, parent.resolved);
  lower = withoutFields(lower, frame?.cleared);
  const scoped = frame ? mergeAttributes(lower, frame.attributes) : lower;
  return newSpanRecord(explicit, mergeAttributes(scoped, explicit));
}

/** Where the last resolution is kept when a span has neither a recorded parent nor a scope. */
const unparented: { childCache: ChildResolution | undefined } = { childCache: undefined };

/**
 * Resolves a span's attributes field by field over the five levels of docs/contract.md#precedence, highest first:
 * `explicit` on the span (level 1), the live `parent` span's record (levels 2 and 4), the
 * innermost scope `frame` (level 3) and inbound `baggage` (level 5). All inputs are immutable
 * shared objects, so a one-entry cache on the parent (or the scope frame) serves the common case
 * of many sibling spans resolved from the same inputs without a merge. Positional parameters:
 * this runs at every span start, and an inputs object would be one more allocation there.
 */
export function resolveSpan(
  explicit: ResolvedAttributes,
  parent: SpanRecord | undefined,
  frame: ScopeFrame | undefined,
  baggage: ResolvedAttributes | undefined,
): SpanRecord {
  const slot = parent ?? frame ?? unparented;
  const parentResolved = parent?.resolved;
  const cached = slot.childCache;
  if (
    cached &&
    cached.explicit === explicit &&
    cached.frame === frame &&
    cached.baggage === baggage &&
    cached.parentResolved === parentResolved
  ) {
    return cached.record;
  }
  const record = resolveUncached(explicit, parent, frame, baggage);
  slot.childCache = { explicit, frame, baggage, parentResolved, record };
  return record;
}
