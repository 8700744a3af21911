import { diag } from '@opentelemetry/api';
import type { CallSpan } from './call-span';
import { instrumentStream, isStream } from './instrument-stream';
import { warnFailed } from './warn-failed';

/** The parts of the SDK's `APIPromise` that are observed (the same in openai 4, 5 and 6). */
interface ApiPromiseShape {
  responsePromise: Promise<unknown>;
  parseResponse: (this: unknown, client: unknown, props: unknown) => unknown;
  asResponse: (this: unknown) => Promise<unknown>;
}

function isApiPromise(value: unknown): value is ApiPromiseShape {
  const shape = value as Partial<ApiPromiseShape> | null;
  return (
    typeof shape === 'object' &&
    shape !== null &&
    typeof shape.parseResponse === 'function' &&
    typeof shape.asResponse === 'function' &&
    typeof shape.responsePromise?.then === 'function'
  );
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

let warnedShape = false;
const ignore = () => {};

/** What an observed `APIPromise` keeps of its call: the span and the SDK's own steps. */
interface ObservedCall {
  readonly call: CallSpan;
  readonly parseResponse: ApiPromiseShape['parseResponse'];
  readonly asResponse: ApiPromiseShape['asResponse'];
}

// Not registered: only this module reads it, and a second copy of it observes on its own.
const OBSERVED = Symbol('threadline.openai.call');

type ObservedPromise = ApiPromiseShape & { [OBSERVED]?: ObservedCall };

/**
 * The observed steps are module functions that find their call on the promise, not closures
 * made per call: a fresh function stored on each SDK promise made V8 keep every call's
 * objects through young-generation collections (about 1 MB promoted per scavenge and ~15 µs
 * of collector time per call, measured with --trace-gc-nvp).
 */
function observedParseResponse(this: ObservedPromise, client: unknown, props: unknown): unknown {
  const observed = this[OBSERVED]!;
  const { call } = observed;
  call.onParseStart();
  let parsed: unknown;
  try {
    parsed = observed.parseResponse.call(this, client, props);
  } catch (error) {
    call.fail(error);
    throw error;
  }
  return (isThenable(parsed) ? parsed : Promise.resolve(parsed)).then(
    (value) => {
      try {
        if (isStream(value)) instrumentStream(value, call);
        else call.onParsed(value);
      } catch (error) {
        warnFailed('record an OpenAI answer', error);
        call.end();
      }
      return value;
    },
    (error: unknown) => {
      call.fail(error);
      throw error;
    },
  );
}

function observedAsResponse(this: ObservedPromise): Promise<unknown> {
  const observed = this[OBSERVED]!;
  const response = observed.asResponse.call(this);
  // Only to learn when the head is there (the observed response promise, as the SDK's own
  // asResponse reads it); the caller's promise stays theirs to handle.
  this.responsePromise.then(() => observed.call.onRawResponse(), ignore);
  return response;
}

/**
 * Observes what an instrumented method returned, in place: the caller keeps the very
 * `APIPromise` the SDK made (`withResponse()`, `asResponse()`, `_thenUnwrap()` and its lazy
 * parsing intact). Two steps of it are wrapped on the instance:
 *
 * - the response promise, to see the response head or the request's failure. It records and
 *   passes on: an unread failing call is still an unhandled rejection, as without Threadline;
 * - the parse step, which runs when the caller asks for the data: it settles the span with the
 *   answer, or hands it to the stream it produced.
 */
export function instrumentCall(result: unknown, call: CallSpan): void {
  if (!isApiPromise(result)) {
    if (!warnedShape) {
      warnedShape = true;
      diag.warn('threadline: unknown OpenAI SDK return value; spans end without the response');
    }
    call.end();
    return;
  }
  const promise = result as ObservedPromise;
  const responsePromise = promise.responsePromise.then(
    (props) => {
      call.onResponse(promise);
      return props;
    },
    (error: unknown) => {
      call.fail(error);
      throw error;
    },
  );
  promise[OBSERVED] = {
    call,
    parseResponse: promise.parseResponse,
    asResponse: promise.asResponse,
  };
  promise.responsePromise = responsePromise;
  promise.parseResponse = observedParseResponse as ApiPromiseShape['parseResponse'];
  // A plain assignment: defineProperty on a promise costs several times more per call.
  promise.asResponse = observedAsResponse as ApiPromiseShape['asResponse'];
}
