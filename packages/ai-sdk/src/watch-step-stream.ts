import { diag } from '@opentelemetry/api';
import type { StreamWatch } from './stream-watch';
import { WatchedStream } from './watched-stream';

const ignore = () => {};

type StepResult = { result?: { stream?: unknown } } | null | undefined;

function isThenable(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

function isReadableStream(value: unknown): value is ReadableStream<unknown> {
  return typeof (value as { getReader?: unknown } | null)?.getReader === 'function';
}

/**
 * The AI SDK's `doStream` spans wrap `model.doStream()`: in ai 5 and 6 their callback resolves
 * to an object whose `result.stream` is the model's stream. When that stream fails (a reset
 * connection), the SDK ends none of the call's spans and reports the error on none of them; an
 * error part it passes on without marking any span failed. So the stream is swapped for a
 * {@link WatchedStream} that tells `watch` of both, a failure before the SDK sees it. A result
 * of any other shape is passed on untouched.
 */
export function watchStepStream(result: unknown, watch: StreamWatch): unknown {
  if (!isThenable(result)) return result;
  // A reaction of ours, registered before the SDK gets the promise, runs before the SDK's own
  // when it settles: the stream is swapped in place and the SDK's promise is handed back as it
  // is, so the step waits no extra turn of the microtask queue.
  result.then((value) => swapStream(value, watch), ignore);
  return result;
}

function swapStream(value: unknown, watch: StreamWatch): void {
  try {
    const step = (value as StepResult)?.result;
    if (step && isReadableStream(step.stream)) step.stream = new WatchedStream(step.stream, watch);
  } catch (error) {
    diag.warn('threadline: watching a model stream failed', error);
  }
}
