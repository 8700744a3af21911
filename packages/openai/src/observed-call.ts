import { context, createContextKey } from '@opentelemetry/api';
import type { CallSpan } from './call-span';
import { instrumentCall } from './instrument-call';
import type { ObservedState } from './observed-state';
import type { Operation } from './operations/operation';
import { startCall } from './start-call';
import { warnFailed } from './warn-failed';

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;

/**
 * The SDK object whose instrumented method is running, in the context the method runs in. A
 * method reached again inside it makes no second span: the SDK's own nested call
 * (`chat.completions.parse` calls `create`), or a method that `ThreadlineOpenAIInstrumentation`
 * patched, run under an `observeOpenAI` client. `createContextKey` is `Symbol.for`, so the ESM
 * and CJS builds and both entries of this package read the same key.
 */
const RUNNING = createContextKey('threadline.openai.running_call');

/**
 * Runs `method` of `target` (a bare SDK resource) inside a span of `operation`, and observes
 * what it returns in place. The one path of every model call, wrapped or instrumented.
 */
export function observedCall(
  state: ObservedState,
  target: object,
  method: AnyFunction,
  operation: Operation,
  args: unknown[],
): unknown {
  // `safely` inlined here and below: its closure would be made on every call.
  let call: CallSpan | undefined;
  try {
    if (context.active().getValue(RUNNING) !== target) call = startCall(state, operation, args[0]);
  } catch (error) {
    warnFailed('start an OpenAI span', error);
  }
  if (!call) return method.apply(target, args);
  let result: unknown;
  try {
    // Under the span, so HTTP instrumentation of the request nests inside it.
    result = context.with(call.context.setValue(RUNNING, target), method, target, ...args);
  } catch (error) {
    call.fail(error);
    throw error;
  }
  if (call.span.isRecording()) {
    try {
      instrumentCall(result, call);
    } catch (error) {
      warnFailed('observe an OpenAI call', error);
      call.end();
    }
  }
  return result;
}
