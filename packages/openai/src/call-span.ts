import { type Attributes, type Context, diag, type Span } from '@opentelemetry/api';
import {
  END_REASONS,
  type EndReason,
  LANGFUSE_OBSERVATION_ATTRIBUTES,
  recordSpanError,
  safely,
  THREADLINE_SPAN_ATTRIBUTES,
} from '@threadline/core/adapter';
import { type Abandonable, watchHolderLater } from './abandonment';
import { releaseCallContext } from './call-context';
import { CallRef } from './call-ref';
import { isoTime } from './iso-time';
import type { Operation, StreamRecorder } from './operations/operation';
import { OPENAI_SPAN_ATTRIBUTES } from './span-keys';
import { warnFailed } from './warn-failed';

// The global one: this package also runs where `node:perf_hooks` does not exist.
const clock = globalThis.performance;

function errorType(error: unknown): string {
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number') return String(status);
  const name = (error as { constructor?: { name?: unknown } } | null)?.constructor?.name;
  return typeof name === 'string' && name !== '' && name !== 'Object' ? name : '_OTHER';
}

// The SDK's error for a request whose `signal` fired; its class differs per major.
function isUserAbort(error: unknown): boolean {
  return (
    (error as { constructor?: { name?: unknown } } | null)?.constructor?.name ===
    'APIUserAbortError'
  );
}

/**
 * The life of one model call's span. Whatever the caller does with what it got back (await
 * it, take the raw response, read a stream to its end, leave it early, abort it, drop it),
 * the span ends exactly once, and never because of Threadline throws into the caller.
 */
export class CallSpan implements Abandonable {
  /** A `next()` on the stream is awaiting the SDK: an abort then ends the stream from inside. */
  pendingReads = 0;
  /**
   * The stream's reader is closing it (it looked up the iterator's `return`): an abort that
   * follows is the SDK carrying out the caller's break, not an abort of the caller's own.
   */
  closing = false;
  private ended = false;
  private parseStarted = false;
  private answered = false;
  /** `performance.now()` of the response head or first item: the end of an abandoned call. */
  private lastActivity = 0;
  private firstChunkAt: number | undefined;
  /** `performance.now()` when the call started: the origin of the time to the first chunk. */
  private readonly startedAt = clock.now();
  private recorder: StreamRecorder | undefined;
  private signal: AbortSignal | undefined;
  private listened: AbortSignal | undefined;
  private streamRef: CallRef<CallSpan> | undefined;

  constructor(
    readonly span: Span,
    /** The context the SDK call runs in: the caller's, with this span active (call-context.ts). */
    readonly context: Context,
    private readonly operation: Operation,
    private readonly capture: boolean,
  ) {}

  /** What the SDK's stream objects hold of this call (call-ref.ts): it lets go when the span ends. */
  get ref(): CallRef<CallSpan> {
    this.streamRef ??= new CallRef<CallSpan>(this.ended ? undefined : this);
    return this.streamRef;
  }

  /** Ended, or in the hands of the parse step (which settles it or hands it to a stream). */
  get settled(): boolean {
    return this.ended || this.parseStarted;
  }

  /**
   * The response head arrived; `promise` is watched in case nobody ever reads it. A promise
   * the caller already awaits (the SDK's `parse()` ran: it keeps `parsedPromise`) is parsed in
   * the microtasks that follow, so it needs no watch, nor the macrotask that would check it.
   */
  onResponse(promise: { parsedPromise?: unknown }): void {
    this.lastActivity = clock.now();
    if (promise.parsedPromise === undefined) watchHolderLater(promise, this);
  }

  /** The SDK began to read the body: the parse step settles the span (or hands it to a stream). */
  onParseStart(): void {
    this.parseStarted = true;
  }

  /**
   * The caller took the raw `Response` (`asResponse()`): the body is theirs, so the span ends
   * with what the head said. `withResponse()` parses too, and then the parse step ends it.
   */
  onRawResponse(): void {
    if (!this.parseStarted) this.end();
  }

  /** The answer was seen: the span ended with it, or a stream now drives it. */
  get hasAnswer(): boolean {
    return this.answered || this.ended;
  }

  /** The parse step produced a plain answer. */
  onParsed(response: unknown): void {
    if (this.ended) return;
    this.answered = true;
    const out: Attributes = {};
    // `safely` inlined on this path and in `end`: a closure per call otherwise.
    let failure: string | undefined;
    try {
      failure = this.operation.responseAttributes(response, this.capture, out);
    } catch (error) {
      warnFailed('record an OpenAI response', error);
    }
    this.span.setAttributes(out);
    if (failure) recordSpanError(this.span, new Error(failure));
    this.end();
  }

  /**
   * The parse step produced a stream: its items now drive the span. `holder` lives exactly as
   * long as the stream or an iteration of it does.
   */
  onStream(holder: object, signal: AbortSignal | undefined): void {
    if (this.ended) return;
    this.answered = true;
    this.lastActivity = clock.now();
    this.recorder = this.operation.streamRecorder(this.capture);
    this.signal = signal;
    // While the stream is read, its iterator holds the holder. Watched only if the stream is
    // still unread at the next macrotask: one read to its end within the microtasks of its
    // response's arrival (a short answer) leaves nothing to watch, and costs no registration.
    watchHolderLater(holder, this.ref);
    if (signal?.aborted) this.cancel(END_REASONS.ABORTED);
  }

  /**
   * Listens to the stream's signal until the span ends. openai 7 makes that signal follow the
   * request's own `signal` too (`AbortSignal.any`), so the caller's abort reaches the stream
   * without any call to the controller's `abort()`.
   */
  listenForAbort(signal: AbortSignal): void {
    if (this.ended) return;
    signal.addEventListener('abort', this);
    this.listened = signal;
  }

  /** The `abort` event of the listened signal. */
  handleEvent(): void {
    this.onAbort();
  }

  /**
   * The stream's controller was told to abort (by the caller, by the request's own `signal`, or
   * by the SDK on a break or an error). Idle, the stream ends here; during a read, it ends when
   * that read returns, which may still be an error to record.
   */
  onAbort(): void {
    if (this.pendingReads === 0) this.cancel(this.abortReason());
  }

  /** One streamed item reached the caller. */
  onItem(item: unknown): void {
    if (this.ended) return;
    if (this.firstChunkAt === undefined) {
      this.firstChunkAt = Date.now();
      // Not per item: an abandoned stream ends at its first item or its response head.
      this.lastActivity = clock.now();
    }
    try {
      this.recorder?.onItem(item);
    } catch (error) {
      diag.warn('threadline: could not record a streamed OpenAI item', error);
    }
  }

  /** The stream ran out: to its end, or because it was aborted (the SDK then returns quietly). */
  onStreamDone(): void {
    if (this.signal?.aborted) this.cancel(this.abortReason());
    else this.end();
  }

  private abortReason(): EndReason {
    return this.closing ? END_REASONS.CONSUMER_STOPPED : END_REASONS.ABORTED;
  }

  /** The call failed: the caller gets `error` unchanged; the span records it. */
  fail(error: unknown): void {
    if (this.ended) return;
    if (isUserAbort(error)) {
      this.cancel(END_REASONS.ABORTED);
      return;
    }
    recordSpanError(this.span, error);
    safely('record an error type', () =>
      this.span.setAttribute(OPENAI_SPAN_ATTRIBUTES.ERROR_TYPE, errorType(error)),
    );
    this.end();
  }

  /**
   * The caller stopped before the end: it left a stream early (`consumer_stopped`), aborted the
   * call (`aborted`) or dropped it unread (`abandoned`). Status stays UNSET: stopping early is
   * the caller's choice, not a failure.
   */
  cancel(reason: EndReason, endTime?: number): void {
    if (this.ended) return;
    safely('mark an OpenAI call ended early', () => {
      this.span.setAttributes({
        [THREADLINE_SPAN_ATTRIBUTES.END_REASON]: reason,
        [LANGFUSE_OBSERVATION_ATTRIBUTES.LEVEL]: 'WARNING',
        [LANGFUSE_OBSERVATION_ATTRIBUTES.STATUS_MESSAGE]: `ended early: ${reason}`,
      });
    });
    this.end(endTime);
  }

  /** What the caller held was collected unread: the span ends when it was last seen alive. */
  onAbandoned(): void {
    this.cancel(END_REASONS.ABANDONED, this.lastActivity);
  }

  /** Ends the span once, with what a stream showed so far. */
  end(endTime?: number): void {
    if (this.ended) return;
    this.ended = true;
    // The registry holds the ref until the stream is collected, the SDK's objects maybe longer.
    if (this.streamRef) this.streamRef.call = undefined;
    // A long-lived caller `signal` would otherwise keep every call it was given to.
    if (this.listened) {
      try {
        this.listened.removeEventListener('abort', this);
      } catch (error) {
        warnFailed('stop listening to an OpenAI stream signal', error);
      }
      this.listened = undefined;
    }
    const recorder = this.recorder;
    if (recorder) {
      this.recorder = undefined;
      const out: Attributes = {};
      let failure: string | undefined;
      try {
        failure = recorder.flush(out);
      } catch (error) {
        warnFailed('record an OpenAI stream', error);
      }
      if (this.firstChunkAt !== undefined) {
        out[LANGFUSE_OBSERVATION_ATTRIBUTES.COMPLETION_START_TIME] = isoTime(this.firstChunkAt);
        // lastActivity is the first item's time from then on.
        out[OPENAI_SPAN_ATTRIBUTES.RESPONSE_TIME_TO_FIRST_CHUNK] =
          (this.lastActivity - this.startedAt) / 1000;
      }
      try {
        this.span.setAttributes(out);
      } catch (error) {
        warnFailed('record an OpenAI stream', error);
      }
      if (failure) recordSpanError(this.span, new Error(failure));
    }
    try {
      this.span.end(endTime);
    } catch (error) {
      warnFailed('end an OpenAI span', error);
    }
    releaseCallContext(this.context);
  }
}
