import { EMPTY_ATTRIBUTES, type ResolvedAttributes } from '../attributes';
import type { ChildSlot } from '../resolution-records';
import { mergeAttributes, withoutFields } from '../scope/merge-attributes';
import type { ScopeFrame } from '../scope/scope-frame';
import { newSpanRecord, type SpanRecord } from './span-record';

function resolveUncached(
  own: ResolvedAttributes,
  parent: SpanRecord | undefined,
  frame: ScopeFrame | undefined,
  baggage: ResolvedAttributes | undefined,
): SpanRecord {
  // What an adapter set on the context for this span, then what the span was started with.
  const forSpan = frame?.explicit ? mergeAttributes(frame.explicit, own) : own;
  const explicit = parent ? mergeAttributes(parent.explicit, forSpan) : forSpan;
  // Levels 4 and 5 may not fill in what a scope cleared with null.
  let lower = baggage ?? EMPTY_ATTRIBUTES;
  if (parent) lower = mergeAttributes(lower, parent.resolved);
  lower = withoutFields(lower, frame?.cleared);
  const scoped = frame ? mergeAttributes(lower, frame.attributes) : lower;
  const resolved = mergeAttributes(scoped, explicit);
  // A child that adds nothing (the usual span under a request span in the same scope) shares
  // its parent's record, emitted values included: one object fewer to reach per span start.
  // Merges return an input when the result equals it, so identity tells.
  if (parent && explicit === parent.explicit && resolved === parent.resolved) return parent;
  return newSpanRecord(explicit, resolved);
}

/**
 * The last resolution of a span with a scope but no recorded parent, by the frame's contents
 * rather than the frame: a scope entered per request (or per AI SDK call) with the same values
 * makes a new frame each time, and the first span in each would miss the frame's own slot.
 * Records never change, so spans of different frames may share one.
 */
const scoped = {
  own: EMPTY_ATTRIBUTES,
  attributes: EMPTY_ATTRIBUTES,
  cleared: undefined as ScopeFrame['cleared'],
  explicit: undefined as ResolvedAttributes | undefined,
  baggage: undefined as ResolvedAttributes | undefined,
  record: undefined as SpanRecord | undefined,
};

function resolveInScope(
  own: ResolvedAttributes,
  frame: ScopeFrame,
  baggage: ResolvedAttributes | undefined,
): SpanRecord {
  const last = scoped.record;
  if (
    last !== undefined &&
    scoped.own === own &&
    scoped.attributes === frame.attributes &&
    scoped.cleared === frame.cleared &&
    scoped.explicit === frame.explicit &&
    scoped.baggage === baggage
  ) {
    return last;
  }
  const record = resolveUncached(own, undefined, frame, baggage);
  scoped.own = own;
  scoped.attributes = frame.attributes;
  scoped.cleared = frame.cleared;
  scoped.explicit = frame.explicit;
  scoped.baggage = baggage;
  scoped.record = record;
  return record;
}

/** Where the last resolution is kept when a span has neither a recorded parent nor a scope. */
const unparented: ChildSlot = {
  childExplicit: undefined,
  childFrame: undefined,
  childBaggage: undefined,
  childRecord: undefined,
};

/**
 * Resolves a span's attributes field by field over the five levels of docs/contract.md#precedence, highest first:
 * explicit values (level 1: `own`, what the span was started with, over the frame's `explicit`,
 * what an adapter set on the context for it), the live `parent` span's record (levels 2 and 4),
 * the innermost scope `frame` (level 3) and inbound `baggage` (level 5). All inputs are
 * immutable shared objects, so a one-entry cache on the parent (or the scope frame) serves the
 * common case of many sibling spans resolved from the same inputs without a merge; a hit reads
 * neither the frame nor anything else but the slot. Positional parameters: this runs at every
 * span start, and an inputs object would be one more allocation there.
 */
export function resolveSpan(
  own: ResolvedAttributes,
  parent: SpanRecord | undefined,
  frame: ScopeFrame | undefined,
  baggage: ResolvedAttributes | undefined,
): SpanRecord {
  // The parent needs no check: it is the slot, and a record never changes (a stamp replaces it).
  const slot: ChildSlot = parent ?? frame ?? unparented;
  const cached = slot.childRecord;
  if (
    cached !== undefined &&
    slot.childExplicit === own &&
    slot.childFrame === frame &&
    slot.childBaggage === baggage
  ) {
    return cached;
  }
  const record =
    parent === undefined && frame !== undefined
      ? resolveInScope(own, frame, baggage)
      : resolveUncached(own, parent, frame, baggage);
  slot.childExplicit = own;
  slot.childFrame = frame;
  slot.childBaggage = baggage;
  slot.childRecord = record;
  return record;
}
