import { diag } from '@opentelemetry/api';
import { safely } from '@threadline/core/adapter';
import type { CallRef } from './call-ref';
import type { CallSpan } from './call-span';
import { ClosingIterator } from './closing-iterator';
import { ObservedIterator } from './observed-iterator';

interface StreamShape {
  iterator?: unknown;
  controller?: { signal?: AbortSignal; abort?: unknown };
  [Symbol.asyncIterator]?: unknown;
}

type IteratorFactory = (this: unknown) => AsyncIterator<unknown>;

/** What an observed stream keeps: its call's ref, the SDK's iterator factory and the holder. */
interface ObservedStream {
  readonly ref: CallRef<CallSpan>;
  readonly factory: IteratorFactory;
  readonly holder: object;
  /** openai 7's chat streams: the normalizing iterator the SDK set on the instance. */
  readonly outer: IteratorFactory | undefined;
  /** Only the first iteration is observed; a second one gets the SDK's "consumed" error. */
  observed: boolean;
}

/** What an observed stream controller keeps: its call's ref and the SDK's `abort`. */
interface ObservedController {
  readonly ref: CallRef<CallSpan>;
  readonly abort: (this: unknown, ...args: unknown[]) => unknown;
}

// Not registered: only this module reads them, and a second copy of it observes on its own.
const STREAM = Symbol('threadline.openai.stream');
const CONTROLLER = Symbol('threadline.openai.controller');

// Module functions that find their call on the object, not closures per call: a fresh
// function stored on each SDK object keeps the call's objects through young-generation
// collections (see instrument-call.ts). What they find is the call's ref, which lets go of the
// call when its span ends: the SDK's stream outlives it (see call-ref.ts).

function observedIterator(this: { [STREAM]?: ObservedStream }): AsyncIterator<unknown> {
  const stream = this[STREAM]!;
  const inner = stream.factory.call(this);
  if (stream.observed) return inner;
  stream.observed = true;
  return new ObservedIterator(inner, stream.ref, stream.holder);
}

function closingIterator(this: { [STREAM]?: ObservedStream }): AsyncIterator<unknown> {
  const stream = this[STREAM]!;
  return new ClosingIterator(stream.outer!.call(this), stream.ref);
}

function observedAbort(this: { [CONTROLLER]?: ObservedController }, ...args: unknown[]): unknown {
  const controller = this[CONTROLLER]!;
  const result = controller.abort.apply(this, args);
  const call = controller.ref.call;
  if (call) safely('observe an OpenAI stream abort', () => call.onAbort());
  return result;
}

/**
 * Sees every `abort()` of the stream's controller: the caller's `stream.controller.abort()`,
 * the SDK's own (it aborts on a break, and up to openai 6 on the request's `signal`). Wrapping
 * the method on the instance costs next to nothing; an `abort` listener on the signal costs
 * microseconds, so there is one only where openai 7 leaves no other way to see the abort.
 */
function observeAbort(controller: StreamShape['controller'], call: CallSpan): void {
  const abort = controller?.abort;
  if (typeof abort !== 'function') return;
  const target = controller as NonNullable<StreamShape['controller']> & {
    [CONTROLLER]?: ObservedController;
  };
  target[CONTROLLER] = { ref: call.ref, abort: abort as ObservedController['abort'] };
  target.abort = observedAbort;
  // openai 7, given a request `signal`, puts a signal of its own on the controller: one that
  // the caller's signal aborts too, without calling `abort()`. Only then is it listened to.
  const signal = target.signal;
  if (signal && Object.hasOwn(target, 'signal') && typeof signal.addEventListener === 'function') {
    call.listenForAbort(signal);
  }
}

/**
 * Observes the SDK's `Stream` in place: the caller keeps the very object the SDK made. Its
 * `for await`, `tee()` and `toReadableStream()` all draw from the stream's iterator factory,
 * so that factory is wrapped on the instance; items are looked at, never copied or held.
 */
export function instrumentStream(stream: object, call: CallSpan): void {
  const shape = stream as StreamShape & { [STREAM]?: ObservedStream };
  const factory = shape.iterator;
  // What is watched for collection in the stream's place: an empty object that only the
  // stream (through its observed factory) and its observed iterator hold. The collector keeps
  // a watched object through minor collections; the stream itself, with its response and
  // buffers, would be kept and promoted with it, the sentinel costs nothing.
  let holder: object = {};
  if (typeof factory === 'function') {
    // openai 7 sets a normalizing iterator on a chat stream that draws from the factory: as
    // `toReadableStream()` closes it, its closing is marked for the abort that comes first.
    const outer = Object.hasOwn(stream, Symbol.asyncIterator)
      ? (shape[Symbol.asyncIterator] as IteratorFactory)
      : undefined;
    shape[STREAM] = {
      ref: call.ref,
      factory: factory as IteratorFactory,
      holder,
      outer,
      observed: false,
    };
    shape.iterator = observedIterator;
    if (typeof outer === 'function') shape[Symbol.asyncIterator] = closingIterator;
  } else if (typeof shape[Symbol.asyncIterator] === 'function') {
    // An SDK without the iterator factory: `tee()` would then bypass the observation.
    diag.debug('threadline: OpenAI Stream without an iterator factory; observing for-await only');
    shape[STREAM] = {
      ref: call.ref,
      factory: shape[Symbol.asyncIterator] as IteratorFactory,
      holder,
      outer: undefined,
      observed: false,
    };
    Object.defineProperty(stream, Symbol.asyncIterator, {
      configurable: true,
      writable: true,
      value: observedIterator,
    });
  } else {
    holder = stream;
  }
  observeAbort(shape.controller, call);
  call.onStream(holder, shape.controller?.signal);
}

/** Whether a parsed value is one of the SDK's streams. */
export function isStream(value: unknown): value is object {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as StreamShape)[Symbol.asyncIterator] === 'function' &&
    'controller' in value
  );
}
