import type {
  ReadableStreamAsyncIterator,
  ReadableStreamBYOBReader,
  ReadableStreamGetReaderOptions,
  ReadableStreamReader,
  ReadableWritablePair,
  StreamPipeOptions,
} from 'node:stream/web';
import { safely } from '@threadline/core/adapter';
import { pipeWatching } from './pipe-watching';
import { errorPartOf, type StreamWatch } from './stream-watch';

/**
 * A model's stream as the AI SDK gets it from Threadline: reads of it tell a {@link StreamWatch}
 * of a failure (before the reader sees it) and of error parts.
 *
 * Why a stand-in rather than a stream: ai 5 and 6 read a model's stream with one
 * `pipeThrough` into a TransformStream of their own. Here that pipe is made by hand
 * ({@link pipeWatching}), so watching costs no web stream and no extra pipe stage per step.
 * Every other way of reading it (a reader, `pipeTo`, `tee`, iteration, a `pipeThrough` with
 * options) goes through a watched copy, made once, the first time it is needed. It is not an
 * `instanceof ReadableStream`: nothing but the SDK, right after the model call, reads it.
 */
export class WatchedStream<R> implements ReadableStream<R> {
  private copy: ReadableStream<R> | undefined;

  constructor(
    private readonly source: ReadableStream<R>,
    private readonly watch: StreamWatch,
  ) {}

  get locked(): boolean {
    return (this.copy ?? this.source).locked;
  }

  pipeThrough<T>(
    transform: ReadableWritablePair<T, R>,
    options?: StreamPipeOptions,
  ): ReadableStream<T> {
    // Anything but the SDK's plain pipe, or a pipe that must throw (a locked end), is the
    // stream's own, with its own checks and errors.
    if (options !== undefined || this.copy || this.source.locked || transform.writable.locked) {
      return this.watched().pipeThrough(transform, options);
    }
    pipeWatching(this.source, transform.writable, this.watch);
    return transform.readable;
  }

  pipeTo(destination: WritableStream<R>, options?: StreamPipeOptions): Promise<void> {
    return this.watched().pipeTo(destination, options);
  }

  getReader(options: { mode: 'byob' }): ReadableStreamBYOBReader;
  getReader(): ReadableStreamDefaultReader<R>;
  getReader(options?: ReadableStreamGetReaderOptions): ReadableStreamReader<R>;
  getReader(options?: ReadableStreamGetReaderOptions): ReadableStreamReader<R> {
    return this.watched().getReader(options);
  }

  tee(): [ReadableStream<R>, ReadableStream<R>] {
    return this.watched().tee();
  }

  values(options?: { preventCancel?: boolean }): ReadableStreamAsyncIterator<R> {
    return this.watched().values(options);
  }

  [Symbol.asyncIterator](): ReadableStreamAsyncIterator<R> {
    return this.watched()[Symbol.asyncIterator]();
  }

  cancel(reason?: unknown): Promise<void> {
    return (this.copy ?? this.source).cancel(reason);
  }

  private watched(): ReadableStream<R> {
    this.copy ??= watchedCopy(this.source, this.watch);
    return this.copy;
  }
}

/** `stream`, passing every chunk through and telling `watch` what it sees. */
function watchedCopy<R>(stream: ReadableStream<R>, watch: StreamWatch): ReadableStream<R> {
  const reader = stream.getReader();
  return new ReadableStream<R>(
    {
      async pull(controller) {
        let chunk: Awaited<ReturnType<typeof reader.read>>;
        try {
          chunk = await reader.read();
        } catch (error) {
          safely('closing the spans of a failed AI SDK call', () => watch.streamFailed(error));
          // Thrown from pull, the error reaches the reader as the model's stream's own error.
          throw error;
        }
        if (chunk.done) {
          controller.close();
          return;
        }
        const part = errorPartOf(chunk.value);
        if (part) safely('marking a failed AI SDK step', () => watch.streamErrorPart(part.error));
        controller.enqueue(chunk.value);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    // Read only what is asked for: the model's backpressure stays as it was.
    { highWaterMark: 0 },
  );
}
