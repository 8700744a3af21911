import {
  type Context,
  context,
  diag,
  type Span,
  type SpanOptions,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import type { ResolvedAttributes } from '@threadline/core';
import { contextWithExplicitAttributes } from '@threadline/core/adapter';
import { CallSpan } from './call-span';
import { isModelCall } from './content/model-call';
import { ModelCallInput } from './content/model-call-input';
import { ModelCallOutput } from './content/model-call-output';
import { withStartContent } from './content/start-content';
import { linkPrompt } from './prompt/link-prompt';
import {
  METADATA_PROMPT_ATTRIBUTE,
  metadataPrompt,
  NO_PROMPT,
  withoutMetadataPrompt,
} from './prompt/metadata-prompt';
import { watchStepStream } from './watch-step-stream';

type ActiveSpanFn = (span: Span) => unknown;

/**
 * The tracer `telemetry()` hands to the AI SDK. It starts the SDK's spans on the tracer the
 * application chose, with two additions:
 *
 * - the per-call options become explicit on every span of the call (docs/contract.md#precedence, level 1), so
 *   fields that the AI SDK's metadata cannot carry (trace name, release, metadata) reach the
 *   call's spans and their children even outside any scope;
 * - the spans of one call are tracked, so that those the SDK would leave open end with the
 *   call (see {@link CallSpan});
 * - the content the SDK records goes through the configured mask, and its model calls get the
 *   GenAI content keys (`gen_ai.input.messages`, `gen_ai.output.messages`,
 *   `gen_ai.system_instructions`, `gen_ai.tool.definitions`) derived from what it records;
 * - its model calls (`….doGenerate`, `….doStream`) link to the managed prompt the call resolves
 *   to (docs/contract.md#fields): the options', else the AI SDK metadata's `langfusePrompt`,
 *   else the scope's. That metadata key itself is left off the spans.
 *
 * The context of the call's work holds the SDK's own span, never the wrapper, so other
 * libraries and Threadline's processor see the span they expect.
 */
export class CallTracer implements Tracer {
  private readonly tracked = new WeakMap<Span, CallSpan>();
  /** The last metadata `langfusePrompt` read, and what it named: one parse per call. */
  private metadataPromptSeen:
    | { value: unknown; named: ReturnType<typeof metadataPrompt> }
    | undefined;
  /** The GenAI input keys of the call's model calls, made once per step's new messages. */
  private readonly input = new ModelCallInput();

  /**
   * @param tracer the application's tracer.
   * @param explicit the fields the call's options name.
   * @param noPrompt the options say the call used no managed prompt.
   */
  constructor(
    private readonly tracer: Tracer,
    private readonly explicit: ResolvedAttributes | undefined,
    private readonly noPrompt = false,
  ) {}

  startSpan(name: string, options?: SpanOptions, ctx: Context = context.active()): Span {
    const startContext = this.explicit ? contextWithExplicitAttributes(ctx, this.explicit) : ctx;
    const modelCall = isModelCall(name);
    let started = withStartContent(options);
    // The options' own prompt (or their "none") wins over the metadata's.
    let prompt: ReturnType<typeof metadataPrompt> =
      modelCall && this.noPrompt ? NO_PROMPT : undefined;
    const fromMetadata = started?.attributes?.[METADATA_PROMPT_ATTRIBUTE];
    if (fromMetadata !== undefined && started) {
      started = withoutMetadataPrompt(started);
      if (modelCall && !this.noPrompt && this.explicit?.prompt === undefined) {
        prompt = this.promptOfMetadata(fromMetadata);
      }
    }
    const span = this.tracer.startSpan(name, started, startContext);
    if (modelCall) {
      // Set on the span just started rather than added to a copy of the SDK's attributes: the
      // exported span is the same, and no processor reads these keys in onStart.
      const attributes = started?.attributes;
      if (attributes && span.isRecording()) {
        // The SDK's own JSON when no mask rewrote it (content-equal strings count as unchanged).
        const canonical =
          attributes['ai.prompt.messages'] === options?.attributes?.['ai.prompt.messages'];
        this.input.write(span, attributes, canonical);
      }
      if (prompt !== NO_PROMPT) linkPrompt(span, startContext, prompt);
    }
    return this.track(span, ctx, modelCall);
  }

  startActiveSpan<F extends ActiveSpanFn>(name: string, fn: F): ReturnType<F>;
  startActiveSpan<F extends ActiveSpanFn>(name: string, options: SpanOptions, fn: F): ReturnType<F>;
  startActiveSpan<F extends ActiveSpanFn>(
    name: string,
    options: SpanOptions,
    ctx: Context,
    fn: F,
  ): ReturnType<F>;
  startActiveSpan<F extends ActiveSpanFn>(
    name: string,
    a?: SpanOptions | F,
    b?: Context | F,
    c?: F,
  ): ReturnType<F> {
    let options: SpanOptions | undefined;
    let ctx: Context | undefined;
    let fn: F;
    if (typeof a === 'function') fn = a;
    else if (typeof b === 'function') {
      options = a;
      fn = b;
    } else {
      options = a;
      ctx = b;
      fn = c as F;
    }
    const parentContext = ctx ?? context.active();
    const span = this.startSpan(name, options, parentContext);
    const real = span instanceof CallSpan ? span.span : span;
    const result = context.with(
      trace.setSpan(parentContext, real),
      fn as ActiveSpanFn,
      undefined,
      span,
    );
    if (span instanceof CallSpan && name.endsWith('.doStream')) {
      return watchStepStream(result, span) as ReturnType<F>;
    }
    return result as ReturnType<F>;
  }

  /**
   * ai 6's `onStart` of a call, on the call's root span context: its abort signal ends the
   * call's spans (ai 6 ends none of them when the stream is no longer read at the abort).
   * Never throws.
   */
  watchAbort(event: { readonly abortSignal?: AbortSignal | undefined } | undefined): void {
    try {
      const signal = event?.abortSignal;
      if (!signal) return;
      const active = trace.getActiveSpan();
      const tracked = active ? this.tracked.get(active) : undefined;
      tracked?.closeOnAbort(signal);
    } catch (error) {
      diag.warn('threadline: watching an AI SDK call for abort failed', error);
    }
  }

  /** What the metadata `langfusePrompt` names: each of the call's model calls carries the same. */
  private promptOfMetadata(value: unknown): ReturnType<typeof metadataPrompt> {
    const seen = this.metadataPromptSeen;
    if (seen !== undefined && seen.value === value) return seen.named;
    const named = metadataPrompt(value);
    this.metadataPromptSeen = { value, named };
    return named;
  }

  /** Wraps a recording span so that it joins the call of its parent, if that is tracked. */
  private track(span: Span, parentContext: Context, modelCall: boolean): Span {
    try {
      if (!span.isRecording()) return span;
      const parent = trace.getSpan(parentContext);
      // The AI SDK puts its own span on contexts; a caller of startSpan may put the wrapper.
      const parentCall = parent instanceof CallSpan ? parent : parent && this.tracked.get(parent);
      const tracked = new CallSpan(span, parentCall, modelCall ? new ModelCallOutput() : undefined);
      this.tracked.set(span, tracked);
      return tracked;
    } catch (error) {
      diag.warn('threadline: could not track an AI SDK span', error);
      return span;
    }
  }
}
