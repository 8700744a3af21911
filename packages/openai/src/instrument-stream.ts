import { diag } from '@opentelemetry/api';
import { safely } from '@threadline/core';
import type { CallSpan } from './call-span';

/**
 * What the caller iterates instead of the SDK's own iterator: every result passes through
 * unchanged; the span sees each item, the end, an error, or the caller leaving early.
 */
class ObservedIterator<T> implements AsyncIterator<T> {
  private readonly onResult: (result: IteratorResult<T>) => IteratorResult<T>;
  private readonly onError: (error: unknown) => never;

  constructor(
    private readonly inner: AsyncIterator<T>,
    private readonly call: CallSpan,
    /** The stream's watched sentinel: held so the span does not end as abandoned mid-iteration. */
    readonly holder: object,
  ) {
    // Made once per stream and not as named class fields: some transpilers (tsx, esbuild's
    // keepNames) rename every named function value as it is created, on the per-chunk path.
    this.onResult = (result) => {
      call.pendingReads--;
      if (result.done) call.onStreamDone();
      else call.onItem(result.value);
      return result;
    };
    this.onError = (error) => {
      call.pendingReads--;
      call.fail(error);
      throw error;
    };
  }

  // Not a rest parameter: an array per item. `next()` and `next(undefined)` are the same to
  // the SDK's async generator.
  next(value?: unknown): Promise<IteratorResult<T>> {
    this.call.pendingReads++;
    let result: Promise<IteratorResult<T>>;
    try {
      result = value === undefined ? this.inner.next() : this.inner.next(value);
    } catch (error) {
      this.onError(error);
    }
    return result!.then(this.onResult, this.onError);
  }

  return(value?: any): Promise<IteratorResult<T>> {
    // Before the SDK's own return, which aborts the request: the reason is the caller's break.
    this.call.cancel('break');
    return this.inner.return
      ? this.inner.return(value)
      : Promise.resolve({ done: true, value } as IteratorResult<T>);
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    this.call.cancel('break');
    return this.inner.throw ? this.inner.throw(error) : Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

interface StreamShape {
  iterator?: unknown;
  controller?: { signal?: AbortSignal; abort?: unknown };
  [Symbol.asyncIterator]?: unknown;
}

type IteratorFactory = (this: unknown) => AsyncIterator<unknown>;

/** What an observed stream keeps: its call, the SDK's iterator factory and the holder. */
interface ObservedStream {
  readonly call: CallSpan;
  readonly factory: IteratorFactory;
  readonly holder: object;
  /** Only the first iteration is observed; a second one gets the SDK's "consumed" error. */
  observed: boolean;
}

/** What an observed stream controller keeps: its call and the SDK's `abort`. */
interface ObservedController {
  readonly call: CallSpan;
  readonly abort: (this: unknown, ...args: unknown[]) => unknown;
}

// Not registered: only this module reads them, and a second copy of it observes on its own.
const STREAM = Symbol('threadline.openai.stream');
const CONTROLLER = Symbol('threadline.openai.controller');

// Module functions that find their call on the object, not closures per call: a fresh
// function stored on each SDK object keeps the call's objects through young-generation
// collections (see instrument-call.ts).

function observedIterator(this: { [STREAM]?: ObservedStream }): AsyncIterator<unknown> {
  const stream = this[STREAM]!;
  const inner = stream.factory.call(this);
  if (stream.observed) return inner;
  stream.observed = true;
  return new ObservedIterator(inner, stream.call, stream.holder);
}

function observedAbort(this: { [CONTROLLER]?: ObservedController }, ...args: unknown[]): unknown {
  const controller = this[CONTROLLER]!;
  const result = controller.abort.apply(this, args);
  safely('observe an OpenAI stream abort', () => controller.call.onAbort());
  return result;
}

/**
 * Sees every `abort()` of the stream's controller: the caller's `stream.controller.abort()`,
 * the SDK's own (it aborts on a break, and on the request's `signal`). Wrapping the method on
 * the instance costs next to nothing; an `abort` listener on the signal costs microseconds.
 */
function observeAbort(controller: StreamShape['controller'], call: CallSpan): void {
  const abort = controller?.abort;
  if (typeof abort !== 'function') return;
  const target = controller as { [CONTROLLER]?: ObservedController; abort?: unknown };
  target[CONTROLLER] = { call, abort: abort as ObservedController['abort'] };
  target.abort = observedAbort;
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
    shape[STREAM] = { call, factory: factory as IteratorFactory, holder, observed: false };
    shape.iterator = observedIterator;
  } else if (typeof shape[Symbol.asyncIterator] === 'function') {
    // An SDK without the iterator factory: `tee()` would then bypass the observation.
    diag.debug('threadline: OpenAI Stream without an iterator factory; observing for-await only');
    shape[STREAM] = {
      call,
      factory: shape[Symbol.asyncIterator] as IteratorFactory,
      holder,
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
