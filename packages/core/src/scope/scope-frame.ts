import { type Context, createContextKey } from '@opentelemetry/api';
import { type AttributeField, EMPTY_ATTRIBUTES, type ResolvedAttributes } from '../attributes';
import type { ScopeFrame } from '../resolution-records';

export type { ScopeFrame };

// createContextKey uses Symbol.for, so ESM and CJS copies of this package share the key. Its
// frames keep the v1 fields (attributes, cleared), so an older copy still reads the scopes.
const SCOPE_KEY = createContextKey('threadline.scope.v1');

/** A frame with every field present, so frames share one shape on the span-start path. */
export function newScopeFrame(
  attributes: ResolvedAttributes,
  cleared: ReadonlySet<AttributeField> | undefined,
  explicit: ResolvedAttributes | undefined,
): ScopeFrame {
  // The fields a bare span start reads first: with many live scopes the frame is cold, and
  // these then share the frame's first cache line.
  return {
    bareParent: undefined,
    emitKey: undefined,
    bareEpoch: 0,
    bareRecord: undefined,
    emittedKeys: undefined,
    emitted0: undefined,
    emitted1: undefined,
    emitted2: undefined,
    emitted3: undefined,
    emittedValues: undefined,
    attributes,
    cleared,
    explicit,
    childExplicit: undefined,
    childFrame: undefined,
    childBaggage: undefined,
    childRecord: undefined,
  };
}

/** The innermost scope frame on a context. */
export function getScopeFrame(ctx: Context): ScopeFrame | undefined {
  return ctx.getValue(SCOPE_KEY) as ScopeFrame | undefined;
}

/** A context with `frame` as its innermost scope frame. */
export function setScopeFrame(ctx: Context, frame: ScopeFrame): Context {
  return ctx.setValue(SCOPE_KEY, frame);
}

/**
 * A context whose next span gets `explicit` as its explicit attributes (docs/contract.md#precedence level 1), the
 * scopes on `ctx` kept as they are.
 */
export function withExplicitFrame(
  ctx: Context,
  frame: ScopeFrame | undefined,
  explicit: ResolvedAttributes,
): Context {
  return setScopeFrame(
    ctx,
    newScopeFrame(frame?.attributes ?? EMPTY_ATTRIBUTES, frame?.cleared, explicit),
  );
}
