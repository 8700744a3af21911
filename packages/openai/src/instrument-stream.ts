import { diag } from '@opentelemetry/api';
import type { CallSpan } from './call-span';

/**
 * What the caller iterates instead of the SDK's own iterator: every result passes through
 * unchanged; the span sees each item, the end, an error, or the caller leaving early.
 */
class ObservedIterator<T> implements AsyncIterator<T> {
  constructor(
    private readonly inner: AsyncIterator<T>,
    private readonly call: CallSpan,
    /** Held so the stream is not collected (and its span ended as abandoned) mid-iteration. */
    readonly stream: object,
  ) {}

  next(...args: [] | [unknown]): Promise<IteratorResult<T>> {
    this.call.pendingReads++;
    let result: Promise<IteratorResult<T>>;
    try {
      result = this.inner.next(...args);
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

  private readonly onResult = (result: IteratorResult<T>): IteratorResult<T> => {
    this.call.pendingReads--;
    if (result.done) this.call.onStreamDone();
    else this.call.onItem(result.value);
    return result;
  };

  private readonly onError = (error: unknown): never => {
    this.call.pendingReads--;
    this.call.fail(error);
    throw error;
  };
}

interface StreamShape {
  iterator?: unknown;
  controller?: { signal?: AbortSignal };
  [Symbol.asyncIterator]?: unknown;
}

/**
 * Observes the SDK's `Stream` in place: the caller keeps the very object the SDK made. Its
 * `for await`, `tee()` and `toReadableStream()` all draw from the stream's iterator factory,
 * so that factory is wrapped on the instance; items are looked at, never copied or held.
 */
export function instrumentStream(stream: object, call: CallSpan): void {
  const shape = stream as StreamShape;
  const factory = shape.iterator;
  let observed = false;
  const wrap = (original: (this: unknown) => AsyncIterator<unknown>) =>
    function observedIterator(this: unknown): AsyncIterator<unknown> {
      const inner = original.call(this);
      // A second iteration gets the SDK's own iterator and its "consumed stream" error.
      if (observed) return inner;
      observed = true;
      return new ObservedIterator(inner, call, stream);
    };
  if (typeof factory === 'function') {
    shape.iterator = wrap(factory as (this: unknown) => AsyncIterator<unknown>);
  } else if (typeof shape[Symbol.asyncIterator] === 'function') {
    // An SDK without the iterator factory: `tee()` would then bypass the observation.
    diag.debug('threadline: OpenAI Stream without an iterator factory; observing for-await only');
    Object.defineProperty(stream, Symbol.asyncIterator, {
      configurable: true,
      writable: true,
      value: wrap(shape[Symbol.asyncIterator] as (this: unknown) => AsyncIterator<unknown>),
    });
  }
  call.onStream(stream, shape.controller?.signal);
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
