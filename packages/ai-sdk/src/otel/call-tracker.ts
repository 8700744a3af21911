import {
  type Context,
  context,
  type Span,
  type SpanOptions,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { maskWritesOf, withMaskedAttributes } from '../content/mask-span-writes';
import { linkPrompt } from '../prompt/link-prompt';
import { isLanguageModelCall } from './language-model-call';

/** The spans an integration started for one AI SDK operation (one `callId`). */
export interface OpenCall {
  readonly spans: Span[];
}

type ActiveSpanFn = (span: Span) => unknown;

/**
 * The tracer Threadline gives the `@ai-sdk/otel` integration: spans start on the application's
 * tracer (the SDK's own span objects, so other processors and the context see what they
 * expect), the content the integration records on them goes through the configured mask, and
 * each one is written down under the operation whose hook started it. Its language-model calls
 * (`chat …`) link to the managed prompt their call resolves to (docs/contract.md#fields).
 *
 * Why: ai 7 does not always tell its integrations that an operation is over (see
 * `ThreadlineTelemetry`); Threadline then needs the operation's spans to mark and end them.
 * The integration starts spans synchronously inside a hook, so the hook being run names the
 * operation.
 */
export class CallTracker implements Tracer {
  /** The operation whose hook runs now, if Threadline knows it. */
  call: OpenCall | undefined = undefined;

  /**
   * @param tracer the application's tracer; without one, the global provider's tracer named
   *   `name`, taken at each span, so a provider registered (or replaced) later is followed.
   */
  constructor(
    private readonly tracer: Tracer | undefined,
    private readonly name: string,
  ) {}

  startSpan(name: string, options?: SpanOptions, ctx?: Context): Span {
    const tracer = this.tracer ?? trace.getTracer(this.name);
    const span = tracer.startSpan(name, withMaskedAttributes(options), ctx);
    if (span.isRecording()) {
      maskWritesOf(span);
      if (isLanguageModelCall(options)) linkPrompt(span, ctx ?? context.active());
    }
    this.call?.spans.push(span);
    return span;
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
    const fn = (typeof a === 'function' ? a : typeof b === 'function' ? b : c) as F;
    const options = typeof a === 'function' ? undefined : a;
    const parent = (typeof b === 'function' ? undefined : b) ?? context.active();
    const span = this.startSpan(name, options, parent);
    return context.with(
      trace.setSpan(parent, span),
      fn as ActiveSpanFn,
      undefined,
      span,
    ) as ReturnType<F>;
  }
}
