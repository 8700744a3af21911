import { safely } from '@threadline/core';

type StepResult = { result?: { stream?: unknown } } | null | undefined;

function isThenable(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

function isReadableStream(value: unknown): value is ReadableStream<unknown> {
  return typeof (value as { getReader?: unknown } | null)?.getReader === 'function';
}

/** An AI SDK stream part that reports an error without failing the stream. */
function errorOf(part: unknown): { error: unknown } | undefined {
  const candidate = part as { type?: unknown; error?: unknown } | null;
  return candidate?.type === 'error' ? { error: candidate.error } : undefined;
}

/**
 * `stream`, passing every chunk through; calls `onError` first if it fails, and `onErrorPart`
 * for each error part it carries (the SDK passes those on without marking any span failed).
 */
function watched<T>(
  stream: ReadableStream<T>,
  onError: (error: unknown) => void,
  onErrorPart: (error: unknown) => void,
): ReadableStream<T> {
  const reader = stream.getReader();
  return new ReadableStream<T>(
    {
      async pull(controller) {
        let chunk: Awaited<ReturnType<typeof reader.read>>;
        try {
          chunk = await reader.read();
        } catch (error) {
          safely('closing the spans of a failed AI SDK call', () => onError(error));
          // Thrown from pull, the error reaches the SDK as the model's stream's own error.
          throw error;
        }
        if (chunk.done) {
          controller.close();
          return;
        }
        const part = errorOf(chunk.value);
        if (part) safely('marking a failed AI SDK step', () => onErrorPart(part.error));
        controller.enqueue(chunk.value);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    // Read only what the SDK asks for: the model's backpressure stays as it was.
    { highWaterMark: 0 },
  );
}

/**
 * The AI SDK's `doStream` spans wrap `model.doStream()`: in ai 5 and 6 their callback resolves
 * to an object whose `result.stream` is the model's stream. When that stream fails (a reset
 * connection), the SDK ends none of the call's spans and reports the error on none of them, so
 * Threadline watches the stream and calls `onError` before the SDK sees the failure. A result
 * of any other shape is passed on untouched.
 */
export function watchStepStream(
  result: unknown,
  onError: (error: unknown) => void,
  onErrorPart: (error: unknown) => void = () => {},
): unknown {
  if (!isThenable(result)) return result;
  return result.then((value) => {
    safely('watching a model stream', () => {
      const step = (value as StepResult)?.result;
      if (step && isReadableStream(step.stream)) {
        step.stream = watched(step.stream, onError, onErrorPart);
      }
    });
    return value;
  });
}
