import { safely } from '@threadline/core/adapter';
import { errorPartOf, type StreamWatch } from './stream-watch';

const ignore = () => {};

/**
 * Pipes `source` into `destination` as `source.pipeTo(destination)` does (close, an error
 * aborts the destination, a failed destination cancels the source), telling `watch` of a
 * failure and of error parts on the way. Like a pipe, it reads on while the destination has
 * room and waits for room otherwise, without waiting on each write: per chunk that is one read
 * and one write, nothing more. Returns at once; the pipe runs on its own.
 *
 * Why by hand: the AI SDK pipes the model's stream into a TransformStream of its own. Seeing
 * its chunks through a stream of ours in between cost a web stream and a pipe per step; this
 * replaces the SDK's pipe with one that costs less than it.
 */
export function pipeWatching<T>(
  source: ReadableStream<T>,
  destination: WritableStream<T>,
  watch: StreamWatch,
): void {
  const reader = source.getReader();
  const writer = destination.getWriter();
  const pipe = { over: false };
  writer.closed.then(
    () => {
      // Closed by someone else before the pipe started: a pipe then cancels its source.
      if (pipe.over) return;
      pipe.over = true;
      reader.cancel(new TypeError('The destination stream is closed')).then(ignore, ignore);
    },
    (reason) => {
      // The SDK's stream was cancelled (its reader stopped) or its transform failed: cancel the
      // model's stream with the same reason, which also frees the model's connection.
      if (pipe.over) return;
      pipe.over = true;
      reader.cancel(reason).then(ignore, ignore);
    },
  );
  void forward(reader, writer, watch, pipe);
}

async function forward<T>(
  reader: ReadableStreamDefaultReader<T>,
  writer: WritableStreamDefaultWriter<T>,
  watch: StreamWatch,
  pipe: { over: boolean },
): Promise<void> {
  for (;;) {
    // As a pipe does: read on while the destination has room, wait for it when it has none.
    if (!((writer.desiredSize ?? 0) > 0)) {
      try {
        await writer.ready;
      } catch {
        return; // the destination failed: its watcher cancels the source
      }
    }
    let chunk: Awaited<ReturnType<typeof reader.read>>;
    try {
      chunk = await reader.read();
    } catch (error) {
      if (pipe.over) return;
      pipe.over = true;
      // Told before the SDK can see the failure, which then reaches it unchanged.
      safely('closing the spans of a failed AI SDK call', () => watch.streamFailed(error));
      writer.abort(error).then(ignore, ignore);
      return;
    }
    if (chunk.done) {
      if (pipe.over) return; // cancelled because the destination failed
      pipe.over = true;
      writer.close().then(ignore, ignore);
      return;
    }
    const part = errorPartOf(chunk.value);
    if (part) safely('marking a failed AI SDK step', () => watch.streamErrorPart(part.error));
    // Not awaited: the room left (above) is what holds the pipe back, so the model's
    // backpressure stays as it was. A failed write fails the destination, which its watcher sees.
    writer.write(chunk.value).then(ignore, ignore);
  }
}
