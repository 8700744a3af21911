import type { CallRef } from './call-ref';
import type { CallSpan } from './call-span';

/**
 * An iterator the SDK put in front of the observed one (openai 7's chat streams normalize
 * each chunk in a generator set on the stream), passed through unchanged except that looking
 * up its `return` marks the call as closing, as the observed iterator's does: the SDK's
 * `toReadableStream()` cancel looks `return` up, aborts the controller, then calls it.
 */
export class ClosingIterator<T> implements AsyncIterator<T> {
  constructor(
    private readonly inner: AsyncIterator<T>,
    private readonly ref: CallRef<CallSpan>,
  ) {}

  next(value?: unknown): Promise<IteratorResult<T>> {
    return value === undefined ? this.inner.next() : this.inner.next(value);
  }

  get return(): (value?: any) => Promise<IteratorResult<T>> {
    const call = this.ref.call;
    if (call) call.closing = true;
    return this.close;
  }

  private close(value?: any): Promise<IteratorResult<T>> {
    return this.inner.return
      ? this.inner.return(value)
      : Promise.resolve({ done: true, value } as IteratorResult<T>);
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    return this.inner.throw ? this.inner.throw(error) : Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
