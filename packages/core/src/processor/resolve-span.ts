import { EMPTY_ATTRIBUTES, type ResolvedAttributes } from '../attributes';
import { mergeAttributes, withoutFields } from '../scope/merge-attributes';
import type { ScopeFrame } from '../scope/scope-frame';
import type { ChildResolution, SpanRecord } from './span-record';

/** The inputs of one span's resolution (SPEC §3), highest level first. */
export interface ResolutionInputs {
  /** Level 1: explicit on the span itself. */
  explicit: ResolvedAttributes;
  /** Levels 2 and 4: the live parent span, when it is in this process. */
  parent: SpanRecord | undefined;
  /** Level 3: the innermost active scope. */
  frame: ScopeFrame | undefined;
  /** Level 5: inbound baggage, when the processor reads it. */
  baggage: ResolvedAttributes | undefined;
}

function resolveUncached({ explicit: own, parent, frame, baggage }: ResolutionInputs): SpanRecord {
  const explicit = parent ? mergeAttributes(parent.explicit, own) : own;
  // Levels 4 and 5 may not fill in what a scope cleared with null.
  let lower = baggage ?? EMPTY_ATTRIBUTES;
  if (parent) lower = mergeAttributes(lower, parent.resolved);
  lower = withoutFields(lower, frame?.cleared);
  const scoped = frame ? mergeAttributes(lower, frame.attributes) : lower;
  return { explicit, resolved: mergeAttributes(scoped, explicit) };
}

/** Where the last resolution is kept when a span has neither a recorded parent nor a scope. */
const unparented: { childCache?: ChildResolution } = {};

/**
 * Resolves a span's attributes field by field over the five levels of SPEC §3. All inputs are
 * immutable shared objects, so a one-entry cache on the parent (or the scope frame) serves the
 * common case of many sibling spans resolved from the same inputs without a merge.
 */
export function resolveSpan(inputs: ResolutionInputs): SpanRecord {
  const { explicit, parent, frame, baggage } = inputs;
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
  const record = resolveUncached(inputs);
  slot.childCache = { explicit, frame, baggage, parentResolved, record };
  return record;
}
