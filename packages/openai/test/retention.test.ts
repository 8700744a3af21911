import { type Context, context, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { observeOpenAI } from '../src/index';
import { useHarness } from './support/harness';
import { clientOf, SDKS } from './support/sdks';

const h = useHarness();
const MESSAGES = [{ role: 'user' as const, content: 'count to five' }];
const STREAM = {
  model: 'gpt-4o-mini',
  messages: MESSAGES,
  stream: true as const,
  stream_options: { include_usage: true },
};

/**
 * Whether `target` is reachable from `from` through data: own properties (symbol-keyed too,
 * getters left alone), array items and Map entries. Closures and `#private` fields are out of
 * its sight; what Threadline puts on the SDK's objects is not.
 */
function reaches(from: unknown, target: object, seen = new Set<unknown>()): boolean {
  if (from === target) return true;
  if (typeof from !== 'object' || from === null || seen.has(from)) return false;
  seen.add(from);
  if (from instanceof Map) {
    for (const [key, value] of from)
      if (reaches(key, target, seen) || reaches(value, target, seen)) return true;
    return false;
  }
  for (const key of Reflect.ownKeys(from)) {
    const descriptor = Object.getOwnPropertyDescriptor(from, key);
    if (descriptor && 'value' in descriptor && reaches(descriptor.value, target, seen)) return true;
  }
  return false;
}

// undici keeps a request's objects (and with them the SDK's stream and every async resource
// made in the call's context) through young-generation collections until the next full one:
// whatever they hold of a call is copied into the old generation with them, call after call.
describe.each(SDKS)('what the SDK objects of a %s call hold once its span ended', (_name, SDK) => {
  it('the stream, its controller and iterator hold the span while it is read, not after', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    h.mock.enqueue({ content: 'one two three' });
    const stream = await client.chat.completions.create(STREAM);
    const iterator = stream[Symbol.asyncIterator]();
    expect((await iterator.next()).done).toBe(false);
    const [live] = h.ledger.open();
    expect(live).toBeDefined();
    expect(reaches(iterator, live!)).toBe(true);
    while (!(await iterator.next()).done);
    const span = h.onlySpan();
    expect(span.spanContext().spanId).toBe(live!.spanContext().spanId);
    expect(reaches(stream, live!)).toBe(false);
    expect(reaches(stream.controller, live!)).toBe(false);
    expect(reaches(iterator, live!)).toBe(false);
  });

  it('the context the request ran in keeps the span active, and only its identity after', async () => {
    let during: Context | undefined;
    let recordingDuring: boolean | undefined;
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL)).withOptions({
      fetch: (url: any, init: any) => {
        during = context.active();
        recordingDuring = trace.getSpan(during)?.isRecording();
        return fetch(url, init);
      },
    });
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages: MESSAGES });
    const span = h.onlySpan();
    expect(recordingDuring).toBe(true);
    const after = trace.getSpan(during!);
    expect(after).not.toBe(span);
    expect(after?.isRecording()).toBe(false);
    expect(after?.spanContext()).toEqual(span.spanContext());
    expect(reaches(during, span)).toBe(false);
    // Contexts derived from it are the API's own, with what it holds.
    const key = Symbol('k');
    expect(during!.setValue(key, 1).getValue(key)).toBe(1);
    expect(trace.getSpan(during!.setValue(key, 1))?.spanContext()).toEqual(span.spanContext());
  });
});
