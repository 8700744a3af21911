import { type Context, createContextKey, diag, type Span } from '@opentelemetry/api';
import type { ResolvedAttributes } from '@threadline/core';
import { getSpanAttributes, setPromptLink } from '@threadline/core/adapter';

const NO_PROMPT = createContextKey('threadline.ai-sdk.no-prompt');

/** `ctx` for the spans of a call that used no managed prompt (see `CallFields.noPrompt`). */
export function withNoPrompt(ctx: Context): Context {
  return ctx.setValue(NO_PROMPT, true);
}

/**
 * Links a model call's span to the managed prompt its call resolves to (docs/contract.md#fields,
 * #adapter-spans): per-call options over the scope, as for every field, unless the call said it
 * used none. `ownPrompt` is a prompt the call named where Threadline's options could not see it
 * (its AI SDK metadata), below the options' own. Once per model call, at its start. Never throws.
 */
export function linkPrompt(
  span: Span,
  startContext: Context,
  ownPrompt?: ResolvedAttributes | undefined,
): void {
  try {
    if (startContext.getValue(NO_PROMPT) === true || !span.isRecording()) return;
    setPromptLink(span, ownPrompt ?? getSpanAttributes(span, startContext));
  } catch (error) {
    diag.warn('threadline: could not link an AI SDK model call to its prompt', error);
  }
}
