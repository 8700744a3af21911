import { type Context, createContextKey } from '@opentelemetry/api';
import type { AttributeField, ResolvedAttributes } from '../attributes';
import type { ChildResolution } from '../processor/span-record';

/**
 * What a chain of nested scopes resolved to: the merged attributes and the fields a scope
 * cleared with `null` (which lower precedence levels may then not fill in again).
 */
export interface ScopeFrame {
  readonly attributes: ResolvedAttributes;
  readonly cleared: ReadonlySet<AttributeField> | undefined;
  /** The last resolution of a span started in this scope without a recorded parent. */
  childCache?: ChildResolution;
}

// createContextKey uses Symbol.for, so ESM and CJS copies of this package share the keys.
const SCOPE_KEY = createContextKey('threadline.scope.v1');
const EXPLICIT_KEY = createContextKey('threadline.explicit.v1');

/** The innermost scope frame on a context. */
export function getScopeFrame(ctx: Context): ScopeFrame | undefined {
  return ctx.getValue(SCOPE_KEY) as ScopeFrame | undefined;
}

/** A context with `frame` as its innermost scope frame. */
export function setScopeFrame(ctx: Context, frame: ScopeFrame): Context {
  return ctx.setValue(SCOPE_KEY, frame);
}

/** Explicit attributes meant for the next span started with this context (SPEC §3 level 1). */
export function getExplicitAttributes(ctx: Context): ResolvedAttributes | undefined {
  return ctx.getValue(EXPLICIT_KEY) as ResolvedAttributes | undefined;
}

/** A context whose next span gets `attributes` as explicit (SPEC §3 level 1). */
export function setExplicitAttributes(ctx: Context, attributes: ResolvedAttributes): Context {
  return ctx.setValue(EXPLICIT_KEY, attributes);
}
