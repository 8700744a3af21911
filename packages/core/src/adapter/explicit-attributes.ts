import { type Context, diag } from '@opentelemetry/api';
import {
  EMPTY_ATTRIBUTES,
  isEmptyAttributes,
  isValidated,
  type ResolvedAttributes,
  type ThreadlineAttributes,
} from '../attributes';
import { configuredSettings } from '../configuration/configure-threadline';
import { getSpanRecord } from '../processor/span-record';
import { getContextAttributes } from '../scope/context-attributes';
import { mergeAttributes } from '../scope/merge-attributes';
import { getScopeFrame, withExplicitFrame } from '../scope/scope-frame';
import { validateFields } from '../validation/validate-attributes';

/**
 * Validates attributes an adapter got from its per-call options (or a framework's native
 * per-call values) once, so they can be reused for many spans.
 */
export function validateExplicitAttributes(attributes: ThreadlineAttributes): ResolvedAttributes {
  return validateFields(attributes, configuredSettings()).attributes;
}

/**
 * For adapters: the context to start a span with so that the span gets `attributes` as explicit
 * (docs/contract.md#precedence level 1) and its children inherit them (level 2). Start the span with it, but run
 * the children under `trace.setSpan(parentContext, span)`, not under this context.
 */
export function contextWithExplicitAttributes(
  ctx: Context,
  attributes: ResolvedAttributes,
): Context {
  try {
    // Values that did not come out of validation are validated here: they end up on spans.
    if (!isValidated(attributes)) attributes = validateExplicitAttributes(attributes);
    if (isEmptyAttributes(attributes)) return ctx;
    const frame = getScopeFrame(ctx);
    const outer = frame?.explicit;
    return withExplicitFrame(ctx, frame, outer ? mergeAttributes(outer, attributes) : attributes);
  } catch (error) {
    diag.warn('threadline: could not set explicit attributes', error);
    return ctx;
  }
}

/**
 * What Threadline resolved for a live span (after `ThreadlineSpanProcessor.onStart`), or, when
 * no processor saw it, what a span started on `ctx` would resolve to. Adapters use it for keys
 * such as `gen_ai.conversation.id`.
 */
export function getSpanAttributes(span: object, ctx: Context): ResolvedAttributes {
  try {
    return (span ? getSpanRecord(span)?.resolved : undefined) ?? getContextAttributes(ctx);
  } catch (error) {
    diag.warn('threadline: could not read the attributes of a span', error);
    return EMPTY_ATTRIBUTES;
  }
}
