import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ThreadlineSpanProcessor,
  type ThreadlineSpanProcessorOptions,
} from '../../../src/processor/threadline-span-processor';
import { propagateAttributes } from '../../../src/scope/propagate-attributes';
import type { InvalidValueReport } from '../../../src/validation/report';
import { installGlobals } from '../../../test/harness';

/** Typed with SDK 3 and api 1.10 throughout, so that AnyValue attributes compile. */
function createHarness(options: ThreadlineSpanProcessorOptions = {}) {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({
    spanProcessors: [new ThreadlineSpanProcessor(options), new SimpleSpanProcessor({ exporter })],
  });
  return {
    tracer: () => provider.getTracer('any-value'),
    span: (name: string) => {
      const found = exporter.getFinishedSpans().find((s) => s.name === name);
      if (!found) throw new Error(`no span named ${name}`);
      return found;
    },
  };
}

let uninstall: () => void;
beforeAll(() => {
  uninstall = installGlobals();
});
afterAll(() => uninstall());

// api 1.10 widened attribute values to AnyValue (maps, byte arrays, null, mixed arrays) and SDK 3
// keeps them on the span: under a Threadline key such a value is the span's own, never replaced.
describe('AnyValue attributes (api 1.10, SDK 3) under Threadline keys', () => {
  it('are kept as the span has them and reported, never read as the values', () => {
    const reports: InvalidValueReport[] = [];
    const h = createHarness({ onInvalid: (report) => reports.push(report) });
    const map = { conversation: 'c-1' };
    const bytes = new Uint8Array([1, 2]);
    propagateAttributes({ sessionId: 'scope-s', userId: 'scope-u', tags: ['t'] }, () => {
      h.tracer()
        .startSpan('map', {
          attributes: {
            'session.id': map,
            'langfuse.trace.metadata.tier': bytes,
            'langfuse.trace.tags': ['own', 7, { x: 1 }],
          },
        })
        .end();
      h.tracer()
        .startSpan('null', { attributes: { 'user.id': null } })
        .end();
    });
    expect(h.span('map').attributes).toEqual({
      'session.id': map,
      'user.id': 'scope-u',
      'langfuse.trace.metadata.tier': bytes,
      'langfuse.trace.tags': ['own', 7, { x: 1 }],
    });
    expect(h.span('null').attributes).toEqual({
      'session.id': 'scope-s',
      'user.id': null,
      'langfuse.trace.tags': ['t'],
    });
    expect(reports).toEqual([
      { field: 'sessionId', reason: 'type', length: 0, key: undefined, dropped: true },
      { field: 'metadata', reason: 'type', length: 0, key: 'tier', dropped: true },
    ]);
  });

  it('a child inherits the scope, not the parent span’s odd value', () => {
    const h = createHarness();
    propagateAttributes({ sessionId: 'scope-s' }, () => {
      h.tracer().startActiveSpan('parent', { attributes: { 'session.id': { a: 1 } } }, (span) => {
        h.tracer().startSpan('child').end();
        span.end();
      });
    });
    expect(h.span('child').attributes['session.id']).toBe('scope-s');
  });
});
