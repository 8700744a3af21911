import { diag } from '@opentelemetry/api';
import type { CallSpan } from './call-span';
import { instrumentStream, isStream } from './instrument-stream';
import { warnFailed } from './warn-failed';

type Transform = (data: unknown, props: unknown) => unknown;

/** The parts of the SDK's `APIPromise` that are observed (the same in openai 4 to 7). */
interface ApiPromiseShape {
  responsePromise: Promise<unknown>;
  parseResponse: (this: unknown, client: unknown, props: unknown) => unknown;
  asResponse: (this: unknown) => Promise<unknown>;
  /** openai 7 sets it on each promise; earlier majors have only the prototype's. */
  _thenUnwrap?: (this: unknown, transform: Transform) => unknown;
  /** Set once the caller asked for the parsed answer (`await`, `then`, `withResponse()`). */
  parsedPromise?: unknown;
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
  readonly thenUnwrap: ApiPromiseShape['_thenUnwrap'];
  /**
   * For a promise derived by openai 7's `_thenUnwrap`: the promise it was derived from. Its
   * parse step yields a transformed value, so only its failure is recorded; and holding the
   * source keeps the promise watched for abandonment alive while the derived one is.
   */
  readonly source: ObservedPromise | undefined;
}

// Not registered: only this module reads it, and a second copy of it observes on its own.
const OBSERVED = Symbol('threadline.openai.call');

type ObservedPromise = ApiPromiseShape & { [OBSERVED]?: ObservedCall };

/** Settles `call` with what a parse step produced: a plain answer, or a stream to watch. */
function answer(value: unknown, call: CallSpan): void {
  try {
    if (isStream(value)) instrumentStream(value, call);
    else call.onParsed(value);
  } catch (error) {
    warnFailed('record an OpenAI answer', error);
    call.end();
  }
}

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
    if (!observed.source || !call.hasAnswer) call.fail(error);
    throw error;
  }
  return (isThenable(parsed) ? parsed : Promise.resolve(parsed)).then(
    (value) => {
      if (!observed.source) answer(value, call);
      return value;
    },
    (error: unknown) => {
      // A derived promise's transform ran after the answer was seen: its error is the caller's.
      if (!observed.source || !call.hasAnswer) call.fail(error);
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
 * openai 7's own `_thenUnwrap` of a promise derives the new promise from the request and the
 * parse step as they were before this promise was observed: the untransformed answer is seen
 * on its way to the caller's transform, and the derived promise is observed as part of the
 * same call. (Up to openai 6, the prototype's `_thenUnwrap` goes through the observed steps.)
 */
function observedThenUnwrap(this: ObservedPromise, transform: Transform): unknown {
  const { call, thenUnwrap } = this[OBSERVED]!;
  const derived = thenUnwrap!.call(this, (data: unknown, props: unknown) => {
    // A transform of a derived promise gets what an earlier transform made of the answer.
    if (!call.hasAnswer) answer(data, call);
    return transform(data, props);
  });
  try {
    if (isApiPromise(derived)) observe(derived as ObservedPromise, call, this);
  } catch (error) {
    warnFailed('observe an OpenAI call', error);
  }
  return derived;
}

/** Observes `promise` in place, for `call`; `source` when it was derived from another one. */
function observe(promise: ObservedPromise, call: CallSpan, source?: ObservedPromise): void {
  // openai 7 sets `_thenUnwrap` on each promise, and it bypasses the observed steps.
  const thenUnwrap = Object.hasOwn(promise, '_thenUnwrap') ? promise._thenUnwrap : undefined;
  promise[OBSERVED] = {
    call,
    parseResponse: promise.parseResponse,
    asResponse: promise.asResponse,
    thenUnwrap,
    source,
  };
  // A derived promise reads the source's observed response promise: it settles as the
  // request does, and reading it there leaves no rejection of it unhandled.
  promise.responsePromise = source ? source.responsePromise : observeResponse(promise, call);
  promise.parseResponse = observedParseResponse as ApiPromiseShape['parseResponse'];
  // A plain assignment: defineProperty on a promise costs several times more per call.
  promise.asResponse = observedAsResponse as ApiPromiseShape['asResponse'];
  if (typeof thenUnwrap === 'function')
    promise._thenUnwrap = observedThenUnwrap as ApiPromiseShape['_thenUnwrap'];
}

/**
 * The response promise, to see the response head or the request's failure. It records and
 * passes on: an unread failing call is still an unhandled rejection, as without Threadline.
 */
function observeResponse(promise: ObservedPromise, call: CallSpan): Promise<unknown> {
  return promise.responsePromise.then(
    (props) => {
      call.onResponse(promise);
      return props;
    },
    (error: unknown) => {
      call.fail(error);
      throw error;
    },
  );
}

/**
 * Observes what an instrumented method returned, in place: the caller keeps the very
 * `APIPromise` the SDK made (`withResponse()`, `asResponse()`, `_thenUnwrap()` and its lazy
 * parsing intact). Two steps of it are wrapped on the instance:
 *
 * - the response promise, to see the response head or the request's failure;
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
  observe(result as ObservedPromise, call);
}
