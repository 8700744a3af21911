import { type Context, diag, propagation, trace } from '@opentelemetry/api';
import {
  type AttributeField,
  EMPTY_ATTRIBUTES,
  type ResolvedAttributes,
  type ThreadlineAttributes,
} from '../attributes';
import { readBaggageAttributes } from '../baggage/read-baggage';
import { writeBaggage } from '../baggage/write-baggage';
import { configuredSettings } from '../configuration/configure-threadline';
import { resolveSpan } from '../processor/resolve-span';
import { getSpanRecord } from '../processor/span-record';
import { validateFields } from '../validation/validate-attributes';
import { mergeAttributes } from './merge-attributes';
import { getScopeFrame, newScopeFrame, type ScopeFrame, setScopeFrame } from './scope-frame';
import { type ScopeOptions, scopeSettings } from './scope-options';

function clearedAfter(
  outer: ScopeFrame | undefined,
  inner: ResolvedAttributes,
  cleared: readonly AttributeField[],
): ReadonlySet<AttributeField> | undefined {
  if (!outer?.cleared && cleared.length === 0) return undefined;
  const out = new Set<AttributeField>(outer?.cleared);
  for (const field of out) if (inner[field] !== undefined) out.delete(field);
  for (const field of cleared) out.add(field);
  return out.size > 0 ? out : undefined;
}

/** The scope frame that entering a scope with `attributes` on `ctx` would make. */
export function enterFrame(
  ctx: Context,
  attributes: ThreadlineAttributes,
  options: ScopeOptions | undefined,
): { context: Context; frame: ScopeFrame } {
  const settings = scopeSettings(options);
  const valid = validateFields(attributes, settings);
  const outer = getScopeFrame(ctx);
  const cleared = valid.cleared.length > 0 ? new Set(valid.cleared) : undefined;
  const frame = newScopeFrame(
    outer ? mergeAttributes(outer.attributes, valid.attributes, cleared) : valid.attributes,
    clearedAfter(outer, valid.attributes, valid.cleared),
    // Explicit values set on this context are still meant for its next span.
    outer?.explicit,
  );
  let next = setScopeFrame(ctx, frame);
  if (options?.asBaggage === true) next = writeBaggage(next, frame.attributes, cleared, settings);
  return { context: next, frame };
}

/**
 * The functional form of a scope, for runtimes without AsyncLocalStorage (edge): returns a new
 * context that carries `attributes` merged over the scopes already on `ctx` (docs/contract.md#scopes). Never
 * throws; on a telemetry failure it returns `ctx` unchanged.
 */
export function contextWithAttributes(
  ctx: Context,
  attributes: ThreadlineAttributes,
  options?: ScopeOptions,
): Context {
  try {
    return enterFrame(ctx, attributes, options).context;
  } catch (error) {
    diag.warn('threadline: could not set attributes on a context', error);
    return ctx;
  }
}

/** Options of {@link getContextAttributes}. */
export interface ReadAttributesOptions {
  /** Also read inbound W3C baggage (docs/contract.md#precedence level 5). Default false. */
  readBaggage?: boolean;
}

/**
 * The attributes a span started on `ctx` would resolve to (docs/contract.md#precedence): explicit values of the
 * active span's ancestry, the scopes on `ctx`, the rest of the active span, and baggage if asked.
 */
export function getContextAttributes(
  ctx: Context,
  options: ReadAttributesOptions = {},
): ResolvedAttributes {
  try {
    const span = trace.getSpan(ctx);
    const baggage = options.readBaggage === true ? propagation.getBaggage(ctx) : undefined;
    const frame = getScopeFrame(ctx);
    // Frozen on the way out: core shares these objects between scopes and spans unfrozen.
    return Object.freeze(
      resolveSpan(
        EMPTY_ATTRIBUTES,
        span ? getSpanRecord(span) : undefined,
        frame,
        baggage ? readBaggageAttributes(baggage, configuredSettings()) : undefined,
      ).resolved,
    );
  } catch (error) {
    diag.warn('threadline: could not read attributes from a context', error);
    return EMPTY_ATTRIBUTES;
  }
}
