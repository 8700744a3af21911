import { EMPTY_ATTRIBUTES, isEmptyAttributes, type ResolvedAttributes } from '../attributes';
import { mergeAttributes, withoutFields } from '../scope/merge-attributes';
import type { ScopeFrame } from '../scope/scope-frame';
import type { SpanRecord } from './span-record';

/** The inputs of one span's resolution (SPEC §3), lowest level last. */
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

function resolveUncached(inputs: ResolutionInputs): SpanRecord {
  const { parent, frame } = inputs;
  const explicit = parent ? mergeAttributes(parent.explicit, inputs.explicit) : inputs.explicit;
  // Levels 4 and 5 may not fill in what a scope cleared with null.
  let lower = inputs.baggage ?? EMPTY_ATTRIBUTES;
  if (parent) lower = mergeAttributes(lower, parent.resolved);
  lower = withoutFields(lower, frame?.cleared);
  const scoped = frame ? mergeAttributes(lower, frame.attributes) : lower;
  return { explicit, resolved: mergeAttributes(scoped, explicit) };
}

/**
 * Resolves a span's attributes field by field over the five levels of SPEC §3. Children without
 * explicit values of their own reuse their parent's last result when nothing else changed.
 */
export function resolveSpan(inputs: ResolutionInputs): SpanRecord {
  const { parent, frame, baggage } = inputs;
  if (!isEmptyAttributes(inputs.explicit)) return resolveUncached(inputs);
  if (!parent) {
    if (!baggage && frame) return { explicit: EMPTY_ATTRIBUTES, resolved: frame.attributes };
    return resolveUncached(inputs);
  }
  const cached = parent.childCache;
  if (
    cached &&
    cached.frame === frame &&
    cached.baggage === baggage &&
    cached.parentResolved === parent.resolved
  ) {
    return cached.record;
  }
  const record = resolveUncached(inputs);
  parent.childCache = { frame, baggage, parentResolved: parent.resolved, record };
  return record;
}
