import type { OpenTelemetryOptions } from '@ai-sdk/otel';
import { context, diag, type Tracer } from '@opentelemetry/api';
import { END_REASONS, safely, THREADLINE_SPAN_ATTRIBUTES } from '@threadline/core/adapter';
import type { Recording } from '../recording';
import { CallTracker, type OpenCall } from './call-tracker';
import { loadOpenTelemetry } from './load-open-telemetry';
import { onRejectedStreamText } from './rejected-streams';
import {
  CALL_END_HOOKS,
  CALL_START_HOOKS,
  type ExecuteHook,
  type ExecuteOptions,
  type LifecycleHook,
  type TelemetryIntegration,
} from './telemetry-integration';

/** Brand of Threadline's integration, shared by the ESM and CJS builds of this package. */
const BRAND = Symbol.for('threadline.ai-sdk.telemetry.v1');

/** Whether `value` is a {@link ThreadlineTelemetry} (of any copy of this package). */
export function isThreadlineTelemetry(value: unknown): value is ThreadlineTelemetry {
  return (value as { [BRAND]?: unknown } | null | undefined)?.[BRAND] === true;
}

/** What {@link ThreadlineTelemetry} is made with. */
export interface ThreadlineTelemetryInit {
  /** The tracer the spans start on; without one, the global provider's named `tracerName`. */
  tracer: Tracer | undefined;
  tracerName: string;
  /** For operations whose own settings leave recording open. */
  recording: Recording;
  /** Options of `@ai-sdk/otel`'s `OpenTelemetry` integration, `tracer` aside. */
  openTelemetry: Omit<OpenTelemetryOptions, 'tracer'>;
}

type Event = { readonly callId?: unknown; recordInputs?: unknown; recordOutputs?: unknown };

/**
 * An ai 7 telemetry integration: `@ai-sdk/otel`'s `OpenTelemetry`, which makes the spans
 * (`invoke_agent …`, `step N`, `chat …`, `execute_tool …`), with what Threadline adds:
 *
 * - every span of an operation ends: an abort while nobody reads a `streamText` stream rejects
 *   its result, but ai 7 tells its integrations only once the stream is read again. Threadline
 *   then ends the operation's spans itself (through the integration's own `onAbort`), each
 *   marked `threadline.end_reason`: `aborted`;
 * - operations that leave recording open follow Threadline's content capture setting;
 * - it never throws into the application, and without `@ai-sdk/otel` it makes no spans and
 *   says so through `diag`.
 *
 * Session, user and the rest come from `ThreadlineSpanProcessor`, which reads the context the
 * spans start in: the active scope, and the options of `telemetry()` for one call.
 */
export class ThreadlineTelemetry implements TelemetryIntegration {
  readonly [BRAND] = true;
  #delegate: TelemetryIntegration | undefined;
  readonly #ready: Promise<TelemetryIntegration | undefined>;
  readonly #tracker: CallTracker;
  readonly #recording: Recording;
  /** Operations ai 7 has opened and not yet reported over, by call id. */
  readonly #calls = new Map<string, OpenCall>();

  constructor({ tracer, tracerName, recording, openTelemetry }: ThreadlineTelemetryInit) {
    this.#tracker = new CallTracker(tracer, tracerName);
    this.#recording = recording;
    this.#ready = loadOpenTelemetry({ ...openTelemetry, tracer: this.#tracker }).then(
      (delegate) => {
        this.#delegate = delegate;
        return delegate;
      },
    );
    onRejectedStreamText((callId) => this.#closeRejected(callId));
  }

  onStart(event: any): PromiseLike<void> | void {
    return this.#forward('onStart', event);
  }
  onStepStart(event: any): PromiseLike<void> | void {
    return this.#forward('onStepStart', event);
  }
  onLanguageModelCallStart(event: any): PromiseLike<void> | void {
    return this.#forward('onLanguageModelCallStart', event);
  }
  onLanguageModelCallEnd(event: any): PromiseLike<void> | void {
    return this.#forward('onLanguageModelCallEnd', event);
  }
  onToolExecutionStart(event: any): PromiseLike<void> | void {
    return this.#forward('onToolExecutionStart', event);
  }
  onToolExecutionEnd(event: any): PromiseLike<void> | void {
    return this.#forward('onToolExecutionEnd', event);
  }
  onStepEnd(event: any): PromiseLike<void> | void {
    return this.#forward('onStepEnd', event);
  }
  onStepError(event: any): PromiseLike<void> | void {
    return this.#forward('onStepError', event);
  }
  onObjectStepStart(event: any): PromiseLike<void> | void {
    return this.#forward('onObjectStepStart', event);
  }
  onObjectStepEnd(event: any): PromiseLike<void> | void {
    return this.#forward('onObjectStepEnd', event);
  }
  onEmbedStart(event: any): PromiseLike<void> | void {
    return this.#forward('onEmbedStart', event);
  }
  onEmbedEnd(event: any): PromiseLike<void> | void {
    return this.#forward('onEmbedEnd', event);
  }
  onRerankStart(event: any): PromiseLike<void> | void {
    return this.#forward('onRerankStart', event);
  }
  onRerankEnd(event: any): PromiseLike<void> | void {
    return this.#forward('onRerankEnd', event);
  }
  experimental_onDecideStart(event: any): PromiseLike<void> | void {
    return this.#forward('experimental_onDecideStart', event);
  }
  experimental_onDecisionModelCallStart(event: any): PromiseLike<void> | void {
    return this.#forward('experimental_onDecisionModelCallStart', event);
  }
  experimental_onDecisionModelCallEnd(event: any): PromiseLike<void> | void {
    return this.#forward('experimental_onDecisionModelCallEnd', event);
  }
  experimental_onDecideEnd(event: any): PromiseLike<void> | void {
    return this.#forward('experimental_onDecideEnd', event);
  }
  experimental_onExtractStart(event: any): PromiseLike<void> | void {
    return this.#forward('experimental_onExtractStart', event);
  }
  experimental_onExtractionModelCallStart(event: any): PromiseLike<void> | void {
    return this.#forward('experimental_onExtractionModelCallStart', event);
  }
  experimental_onExtractionModelCallEnd(event: any): PromiseLike<void> | void {
    return this.#forward('experimental_onExtractionModelCallEnd', event);
  }
  experimental_onExtractEnd(event: any): PromiseLike<void> | void {
    return this.#forward('experimental_onExtractEnd', event);
  }
  experimental_onStreamTranscriptionStart(event: any): PromiseLike<void> | void {
    return this.#forward('experimental_onStreamTranscriptionStart', event);
  }
  experimental_onStreamTranscriptionEnd(event: any): PromiseLike<void> | void {
    return this.#forward('experimental_onStreamTranscriptionEnd', event);
  }
  onEnd(event: any): PromiseLike<void> | void {
    return this.#forward('onEnd', event);
  }
  onAbort(event: any): PromiseLike<void> | void {
    return this.#forward('onAbort', event);
  }
  onError(event: any): PromiseLike<void> | void {
    return this.#forward('onError', event);
  }
  executeLanguageModelCall<T>(options: ExecuteOptions<T>): PromiseLike<T> {
    return this.#execute('executeLanguageModelCall', options);
  }
  executeTool<T>(options: ExecuteOptions<T>): PromiseLike<T> {
    return this.#execute('executeTool', options);
  }

  #forward(hook: LifecycleHook, event: Event): PromiseLike<void> | void {
    const delegate = this.#delegate;
    if (delegate) return this.#notify(delegate, hook, event);
    // Before `@ai-sdk/otel` has loaded: ai awaits its hooks, so the operation waits for it.
    const ctx = context.active();
    return this.#ready.then((loaded) => {
      if (loaded) return context.with(ctx, () => this.#notify(loaded, hook, event));
    });
  }

  #notify(delegate: TelemetryIntegration, hook: LifecycleHook, event: Event): void {
    try {
      this.#run(delegate, hook, event);
    } catch (error) {
      diag.warn(`threadline: the AI SDK telemetry hook ${hook} failed`, error);
    }
  }

  #execute<T>(hook: ExecuteHook, options: ExecuteOptions<T>): PromiseLike<T> {
    const delegate = this.#delegate;
    if (delegate) return this.#run(delegate, hook, options) as PromiseLike<T>;
    const ctx = context.active();
    return this.#ready.then((loaded) =>
      context.with(ctx, () =>
        loaded ? (this.#run(loaded, hook, options) as PromiseLike<T>) : options.execute(),
      ),
    );
  }

  /** Runs a hook of the integration, with the spans it starts written down under the call. */
  #run(delegate: TelemetryIntegration, hook: LifecycleHook | ExecuteHook, event: Event): unknown {
    const callId = typeof event?.callId === 'string' ? event.callId : undefined;
    let call = callId === undefined ? undefined : this.#calls.get(callId);
    if (callId !== undefined && call === undefined && CALL_START_HOOKS.has(hook)) {
      call = { spans: [] };
      this.#calls.set(callId, call);
    }
    const outer = this.#tracker.call;
    this.#tracker.call = call;
    try {
      const fn = delegate[hook] as ((event: unknown) => unknown) | undefined;
      if (fn) return fn.call(delegate, this.#recorded(event));
      return hook === 'executeLanguageModelCall' || hook === 'executeTool'
        ? (event as ExecuteOptions<unknown>).execute()
        : undefined;
    } finally {
      this.#tracker.call = outer;
      if (callId !== undefined && CALL_END_HOOKS.has(hook)) this.#calls.delete(callId);
    }
  }

  /** `event` with Threadline's recording setting where the operation's settings leave it open. */
  #recorded(event: Event): Event {
    const { recordInputs, recordOutputs } = this.#recording;
    // ai's own default is to record: an event needs a copy only to turn recording off.
    if ((recordInputs && recordOutputs) || event === null || typeof event !== 'object') {
      return event;
    }
    const inputs = event.recordInputs ?? recordInputs;
    const outputs = event.recordOutputs ?? recordOutputs;
    if (inputs === event.recordInputs && outputs === event.recordOutputs) return event;
    // As ai copies its events: the prototype and every field kept.
    return Object.assign(Object.create(Object.getPrototypeOf(event)), event, {
      recordInputs: inputs,
      recordOutputs: outputs,
    });
  }

  /** A `streamText` result was rejected: ends what ai 7 has not reported over. */
  #closeRejected(callId: string): void {
    const delegate = this.#delegate;
    if (!delegate) {
      // Hooks still waiting for the integration run first: they were queued earlier.
      void this.#ready.then((loaded) => loaded && this.#closeRejected(callId));
      return;
    }
    const call = this.#calls.get(callId);
    if (!call) return;
    this.#calls.delete(callId);
    safely('closing an aborted AI SDK call', () => {
      for (const span of call.spans) {
        if (span.isRecording()) {
          span.setAttribute(THREADLINE_SPAN_ATTRIBUTES.END_REASON, END_REASONS.ABORTED);
        }
      }
      // The integration's own abort ends its spans, children first, and forgets the call.
      delegate.onAbort?.({ callId, steps: [] });
      for (const span of call.spans) if (span.isRecording()) span.end();
    });
  }
}
