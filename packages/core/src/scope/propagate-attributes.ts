import { type Context, context, diag, trace } from '@opentelemetry/api';
import type { ResolvedAttributes } from '../attributes';
import { stampSpan } from '../processor/span-owner';
import { enterFrame, getContextAttributes, type ReadAttributesOptions } from './context-attributes';
import type { PropagateAttributesParams } from './scope-options';

/**
 * Runs `fn` with the attributes active on the OpenTelemetry context and returns what `fn`
 * returns (a promise stays a promise). Scopes nest (docs/contract.md#scopes): an inner scalar replaces the
 * outer one, `null` clears it, tags are the union and metadata merges key by key. The span
 * active on entry joins the scope too, without losing a key it has.
 *
 * A bad value is dropped on its own and reported through `diag`; this never throws because of
 * a value, and errors thrown by `fn` reach the caller unchanged.
 *
 * @example
 * await propagateAttributes({ sessionId: 'conv-42', userId: 'u-7' }, () => agent.reply(input));
 */
export function propagateAttributes<T>(params: PropagateAttributesParams, fn: () => T): T {
  let next: Context;
  try {
    const active = context.active();
    const entered = enterFrame(active, params, params);
    next = entered.context;
    const span = trace.getSpan(active);
    if (span) stampSpan(span, entered.frame);
  } catch (error) {
    diag.warn('threadline: could not enter an attribute scope; running without it', error);
    return fn();
  }
  return context.with(next, fn);
}

/** The attributes a span started now would resolve to (see {@link getContextAttributes}). */
export function getActiveAttributes(options?: ReadAttributesOptions): ResolvedAttributes {
  return getContextAttributes(context.active(), options);
}
