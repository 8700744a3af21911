import { context } from '@opentelemetry/api';
import { isRunning } from './call-context';
import type { CallSpan } from './call-span';
import { instrumentCall } from './instrument-call';
import type { ObservedState } from './observed-state';
import type { Operation } from './operations/operation';
import { startCall } from './start-call';
import { warnFailed } from './warn-failed';

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;

/**
 * Runs `method` of `target` (a bare SDK resource) inside a span of `operation`, and observes
 * what it returns in place. The one path of every model call, wrapped or instrumented. A
 * method reached again inside it makes no second span: the SDK's own nested call
 * (`chat.completions.parse` calls `create`), or a method that `ThreadlineOpenAIInstrumentation`
 * patched, run under an `observeOpenAI` client.
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
    if (!isRunning(target)) call = startCall(state, operation, args[0], target);
  } catch (error) {
    warnFailed('start an OpenAI span', error);
  }
  if (!call) return method.apply(target, args);
  let result: unknown;
  try {
    // Under the span, so HTTP instrumentation of the request nests inside it. Through
    // `Reflect.apply` with no `this`: given `target` as `this`, the context manager would bind
    // the method to it, a bound function per call.
    result = context.with(call.context, Reflect.apply, undefined, method, target, args);
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
