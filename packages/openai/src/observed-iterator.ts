import { END_REASONS } from '@threadline/core/adapter';
import type { CallRef } from './call-ref';
import type { CallSpan } from './call-span';

/**
 * What the caller iterates instead of the SDK's own iterator: every result passes through
 * unchanged; the span sees each item, the end, an error, or the caller leaving early. Once the
 * span has ended there is nothing more to see, and the iterator no longer holds the call.
 */
export class ObservedIterator<T> implements AsyncIterator<T> {
  private readonly onResult: (result: IteratorResult<T>) => IteratorResult<T>;
  private readonly onError: (error: unknown) => never;

  constructor(
    private readonly inner: AsyncIterator<T>,
    private readonly ref: CallRef<CallSpan>,
    /** The stream's watched sentinel: held so the span does not end as abandoned mid-iteration. */
    readonly holder: object,
  ) {
    // Made once per stream and not as named class fields: some transpilers (tsx, esbuild's
    // keepNames) rename every named function value as it is created, on the per-chunk path.
    this.onResult = (result) => {
      const call = ref.call;
      if (call) {
        call.pendingReads--;
        if (result.done) call.onStreamDone();
        else call.onItem(result.value);
      }
      return result;
    };
    this.onError = (error) => {
      const call = ref.call;
      if (call) {
        call.pendingReads--;
        call.fail(error);
      }
      throw error;
    };
  }

  // Not a rest parameter: an array per item. `next()` and `next(undefined)` are the same to
  // the SDK's async generator.
  next(value?: unknown): Promise<IteratorResult<T>> {
    const call = this.ref.call;
    if (call) call.pendingReads++;
    let result: Promise<IteratorResult<T>>;
    try {
      result = value === undefined ? this.inner.next() : this.inner.next(value);
    } catch (error) {
      this.onError(error);
    }
    return result!.then(this.onResult, this.onError);
  }

  /**
   * Looked up by whoever is about to close the iterator: `for await` on a break, and in
   * openai 7 the cancel of `toReadableStream()` and the close of both `tee()` sides, which
   * abort the controller between looking `return` up and calling it. That abort is the
   * caller's break.
   */
  get return(): (value?: any) => Promise<IteratorResult<T>> {
    const call = this.ref.call;
    if (call) call.closing = true;
    return this.close;
  }

  private close(value?: any): Promise<IteratorResult<T>> {
    // Before the SDK's own return, which aborts the request: the reason is the caller's break.
    this.ref.call?.cancel(END_REASONS.CONSUMER_STOPPED);
    return this.inner.return
      ? this.inner.return(value)
      : Promise.resolve({ done: true, value } as IteratorResult<T>);
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    this.ref.call?.cancel(END_REASONS.CONSUMER_STOPPED);
    return this.inner.throw ? this.inner.throw(error) : Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
