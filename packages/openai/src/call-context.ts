import {
  type Context,
  context,
  createContextKey,
  INVALID_SPAN_CONTEXT,
  type Span,
  type SpanContext,
  trace,
} from '@opentelemetry/api';
import { warnFailed } from './warn-failed';

/**
 * The SDK object whose instrumented method is running, in the context the method runs in. A
 * method reached again inside it makes no second span: the SDK's own nested call
 * (`chat.completions.parse` calls `create`), or a method that `ThreadlineOpenAIInstrumentation`
 * patched, run under an `observeOpenAI` client. `createContextKey` is `Symbol.for`, so the ESM
 * and CJS builds and both entries of this package read the same key.
 */
const RUNNING = createContextKey('threadline.openai.running_call');

/** The key `trace.setSpan` puts a span under, as the API in use tells it to a context. */
const SPAN_KEY = ((): symbol | undefined => {
  let key: symbol | undefined;
  const probe: Context = {
    getValue: () => undefined,
    setValue(k) {
      key = k;
      return probe;
    },
    deleteValue: () => probe,
  };
  try {
    trace.setSpan(probe, trace.wrapSpanContext(INVALID_SPAN_CONTEXT));
  } catch {}
  return key;
})();

/** Whether an instrumented method of `target` is running in the active context. */
export function isRunning(target: object): boolean {
  return context.active().getValue(RUNNING) === target;
}

/**
 * The context an SDK call runs in: the caller's, with the call's span active (so that HTTP
 * instrumentation of the request nests inside it) and the call's SDK object marked running.
 *
 * Why not the API's own context: every async resource the request creates keeps the context it
 * was created in, and undici keeps some of them (a response's body stream and what hangs off
 * it) through every young-generation collection until the next full one. A context holding the
 * span would drag the span, its attributes and captured content into the old generation on
 * every call. This one lets go of the span once it has ended and keeps only its identity, which
 * is all that a child started after the end can use. It also answers its two values itself
 * instead of copying the caller's context twice, as two `setValue` calls would.
 */
export class CallContext implements Context {
  private span: Span | undefined;
  /** Once the span has ended: its identity, made a span again only if something asks. */
  private ended: SpanContext | undefined;
  /** The API's context with the same values, once something derives a context from this one. */
  private apiContext: Context | undefined;

  constructor(
    private readonly parent: Context,
    span: Span,
    private readonly target: object,
  ) {
    this.span = span;
  }

  getValue(key: symbol): unknown {
    if (key === SPAN_KEY) return this.currentSpan();
    if (key === RUNNING) return this.target;
    return this.parent.getValue(key);
  }

  // Mostly nothing reads the context after the span ended: the span that stands in for it is
  // made on the first read, not at every end.
  private currentSpan(): Span {
    this.span ??= trace.wrapSpanContext(this.ended!);
    return this.span;
  }

  // A context derived from this one is the API's own, with what this one holds now.
  setValue(key: symbol, value: unknown): Context {
    return this.toApiContext().setValue(key, value);
  }

  deleteValue(key: symbol): Context {
    return this.toApiContext().deleteValue(key);
  }

  /** The span has ended: from now on only its identity is held. */
  release(): void {
    if (this.span === undefined) return;
    this.ended = this.span.spanContext();
    this.span = undefined;
    this.apiContext = undefined;
  }

  // HTTP instrumentation derives a context or two per request: the copies are made once.
  private toApiContext(): Context {
    this.apiContext ??= trace
      .setSpan(this.parent, this.currentSpan())
      .setValue(RUNNING, this.target);
    return this.apiContext;
  }
}

/**
 * The context to run `span`'s call of `target` in: a {@link CallContext}, or the API's own
 * where the API's span key could not be learnt (then nothing is let go of at the end).
 */
export function callContext(parent: Context, span: Span, target: object): Context {
  return SPAN_KEY === undefined
    ? trace.setSpan(parent, span).setValue(RUNNING, target)
    : new CallContext(parent, span, target);
}

/** Lets the context of a call go of its span, once the span has ended. Never throws. */
export function releaseCallContext(ctx: Context): void {
  if (!(ctx instanceof CallContext)) return;
  try {
    ctx.release();
  } catch (error) {
    warnFailed('release an OpenAI call context', error);
  }
}
