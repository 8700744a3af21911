/**
 * Hostile input: fast-check properties over every public entry point of @threadline/core. Never
 * a throw into the caller, never an invalid attribute, never a changed prototype (docs/contract.md#fields).
 */
import {
  type Attributes,
  context,
  propagation,
  ROOT_CONTEXT,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  contextWithAttributes,
  detectSensitive,
  getActiveAttributes,
  getContextAttributes,
  propagateAttributes,
  type ResolvedAttributes,
  ThreadlineSpanProcessor,
  validateAttributes,
} from '@threadline/core';
import {
  contextWithExplicitAttributes,
  getSpanAttributes,
  isContentCaptureEnabled,
  recordSpanError,
  safely,
  toContentAttribute,
  validateExplicitAttributes,
} from '@threadline/core/adapter';
import { registerThreadline } from '@threadline/core/node';
import { createSpanCapture } from '@threadline/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { attributeProblems, isAttributeValue } from './support/check-attributes';
import {
  hostileAttributes,
  hostileBaggageHeader,
  hostileProcessorOptions,
  hostileSpanAttributes,
  hostileString,
  hostileValue,
  throwingProxy,
} from './support/hostile';
import { changedPrototypes, snapshotPrototypes } from './support/prototypes';

// FAST_CHECK_RUNS raises the number of runs when hunting a rare counterexample.
const RUNS = { numRuns: Number(process.env.FAST_CHECK_RUNS ?? 300) };

// Every dialect and baggage reading on: the widest surface Threadline writes from.
const capture = createSpanCapture({
  threadline: { dialects: ['otel', 'langfuse', 'openinference'], readBaggage: true },
});
const tracer = capture.tracer('hostile');
const prototypes = snapshotPrototypes();

beforeAll(() => capture.install());
afterAll(() => capture.uninstall());
beforeEach(() => capture.reset());

/** Problems on the finished spans: invalid Threadline keys, or keys that are not valid values. */
function spanProblems(spans: readonly ReadableSpan[], startAttributes?: Attributes): string[] {
  return spans.flatMap((span) => {
    const own = startAttributes && span.name === 'library' ? startAttributes : {};
    // Keys another library set itself are its own business: Threadline never overwrites them.
    const written = Object.keys(span.attributes).filter((k) => !(k in own));
    return attributeProblems(span.attributes, written).map((p) => `${span.name}: ${p}`);
  });
}

/** Resolved attributes are valid when validating them again changes nothing. */
function resolvedProblems(resolved: ResolvedAttributes): string[] {
  const again = validateAttributes(resolved, {
    sensitive: 'allow',
    maxMetadataCardinality: Number.POSITIVE_INFINITY,
  }).attributes;
  return JSON.stringify(again) === JSON.stringify(resolved)
    ? []
    : [`not valid: ${JSON.stringify(resolved).slice(0, 200)}`];
}

function expectClean(problems: string[]): void {
  expect(problems).toEqual([]);
  expect(changedPrototypes(prototypes)).toEqual([]);
}

describe('hostile input: scopes', () => {
  it('propagateAttributes: any attributes and options, nested, over an active span — no throw, fn result returned, only valid attributes', () => {
    fc.assert(
      fc.property(hostileAttributes, hostileAttributes, (outer, inner) => {
        capture.reset();
        const request = tracer.startSpan('request');
        const result = context.with(trace.setSpan(context.active(), request), () =>
          propagateAttributes(outer as never, () =>
            propagateAttributes(inner as never, () => {
              tracer.startSpan('work').end();
              return { resolved: getActiveAttributes({ readBaggage: true }), value: 42 };
            }),
          ),
        );
        request.end();
        expect(result.value).toBe(42);
        expectClean([...spanProblems(capture.spans()), ...resolvedProblems(result.resolved)]);
      }),
      RUNS,
    );
  });

  it('propagateAttributes: errors from fn reach the caller unchanged, whatever the attributes', async () => {
    await fc.assert(
      fc.asyncProperty(hostileAttributes, hostileValue, async (attributes, thrown) => {
        let caught: unknown = 'nothing';
        try {
          propagateAttributes(attributes as never, () => {
            throw thrown;
          });
        } catch (error) {
          caught = error;
        }
        expect(caught).toBe(thrown);
        const rejected = await propagateAttributes(attributes as never, () =>
          Promise.reject(thrown),
        ).then(
          () => ({ error: 'resolved' }),
          // Wrapped: a hostile value returned from a reaction would be probed as a thenable.
          (error: unknown) => ({ error }),
        );
        expect(rejected.error).toBe(thrown);
      }),
      { numRuns: 100 },
    );
  });

  it('contextWithAttributes / getContextAttributes: any attributes on any context — a context back, valid resolved attributes', () => {
    fc.assert(
      fc.property(hostileAttributes, hostileAttributes, hostileValue, (a, b, readBaggage) => {
        capture.reset();
        const ctx = contextWithAttributes(
          contextWithAttributes(ROOT_CONTEXT, a as never, a as never),
          b as never,
        );
        expect(typeof ctx.getValue).toBe('function');
        const resolved = getContextAttributes(ctx, { readBaggage } as never);
        tracer.startSpan('edge', {}, ctx).end();
        expectClean([...resolvedProblems(resolved), ...spanProblems(capture.spans())]);
      }),
      RUNS,
    );
  });

  it('validateAttributes: any input, any settings — no throw, output valid (validating it again changes nothing)', () => {
    fc.assert(
      fc.property(hostileAttributes, hostileProcessorOptions, (input, settings) => {
        const { attributes, cleared } = validateAttributes(input, {
          sensitive: settings.sensitive,
          onInvalid: settings.onInvalid,
          maxMetadataCardinality: settings.maxMetadataCardinality,
        } as never);
        expect(Array.isArray(cleared)).toBe(true);
        expectClean(resolvedProblems(attributes));
      }),
      RUNS,
    );
  });
});

describe('hostile input: processor and spans', () => {
  it('ThreadlineSpanProcessor: any options object — constructs, and its spans carry only valid attributes', () => {
    fc.assert(
      fc.property(hostileProcessorOptions, hostileAttributes, (options, attributes) => {
        const processor = new ThreadlineSpanProcessor(options as never);
        const local = createSpanCapture({ threadline: false, processors: [processor] });
        const own = local.tracer('opts');
        propagateAttributes(attributes as never, () => {
          own.startActiveSpan('parent', (parent) => {
            own.startSpan('child').end();
            parent.end();
          });
        });
        const problems = spanProblems(local.spans());
        // Shutting down also unregisters it as a stamper of scopes.
        void local.provider.shutdown();
        expectClean(problems);
      }),
      { numRuns: 150 },
    );
  });

  it('span attributes another library set at start (session.id, langfuse.*, ai.telemetry.metadata.*, tag.tags, metadata): Threadline adds only valid keys, children inherit only valid values', () => {
    fc.assert(
      fc.property(hostileSpanAttributes, hostileAttributes, (startAttributes, scope) => {
        capture.reset();
        const library = propagateAttributes(scope as never, () => {
          const library = tracer.startSpan('library', { attributes: startAttributes as never });
          const ctx = trace.setSpan(context.active(), library);
          tracer.startSpan('child', {}, ctx).end();
          return library;
        });
        // A child started after the scope closed, with the library span as its explicit parent.
        tracer.startSpan('late-child', {}, trace.setSpan(ROOT_CONTEXT, library)).end();
        library.end();
        expectClean(spanProblems(capture.spans(), startAttributes as Attributes));
      }),
      RUNS,
    );
  });

  it('validateExplicitAttributes + contextWithExplicitAttributes (the adapter path): any per-call options — valid attributes on the span and its children', () => {
    fc.assert(
      fc.property(hostileAttributes, hostileAttributes, (perCall, scope) => {
        capture.reset();
        propagateAttributes(scope as never, () => {
          const explicit = validateExplicitAttributes(perCall as never);
          const ctx = contextWithExplicitAttributes(context.active(), explicit);
          const span = tracer.startSpan('adapter', {}, ctx);
          const seen = getSpanAttributes(span, ctx);
          tracer.startSpan('child', {}, trace.setSpan(context.active(), span)).end();
          span.end();
          expectClean(resolvedProblems(seen));
        });
        expectClean(spanProblems(capture.spans()));
      }),
      RUNS,
    );
  });
});

/** The members of a `baggage` header as the W3C propagator writes it. */
function members(header: string): Array<[string, string]> {
  if (header === '') return [];
  return header.split(',').map((member) => {
    const [pair = ''] = member.split(';');
    const at = pair.indexOf('=');
    return [pair.slice(0, at).trim(), decodeURIComponent(pair.slice(at + 1).trim())];
  });
}

describe('hostile input: baggage', () => {
  it('inbound baggage headers with injected separators, bad encodings, oversized values and too many members: only valid attributes (readBaggage on)', () => {
    fc.assert(
      fc.property(hostileBaggageHeader, (header) => {
        capture.reset();
        const inbound = propagation.extract(ROOT_CONTEXT, { baggage: header });
        const resolved = getContextAttributes(inbound, { readBaggage: true });
        tracer.startSpan('inbound', {}, inbound).end();
        expectClean([...resolvedProblems(resolved), ...spanProblems(capture.spans())]);
      }),
      RUNS,
    );
  });

  it('asBaggage scopes over hostile upstream baggage: the outgoing header stays within W3C limits, carries no sensitive value and no invalid one of ours', () => {
    fc.assert(
      fc.property(hostileBaggageHeader, hostileAttributes, (header, attributes) => {
        const inbound = propagation.extract(ROOT_CONTEXT, { baggage: header });
        const carrier: Record<string, string> = {};
        context.with(inbound, () =>
          propagateAttributes({ ...attributes, asBaggage: true } as never, () =>
            propagation.inject(context.active(), carrier),
          ),
        );
        const outgoing = carrier.baggage ?? '';
        const list = members(outgoing);
        expect(Buffer.byteLength(outgoing)).toBeLessThanOrEqual(8192);
        expect(list.length).toBeLessThanOrEqual(180);
        const upstream = new Map(
          (propagation.getBaggage(inbound)?.getAllEntries() ?? []).map(([k, e]) => [k, e.value]),
        );
        const upstreamTags = new Set(upstream.get('langfuse_tags')?.split(',') ?? []);
        for (const [key, value] of list) {
          expect(key.length + 1 + encodeURIComponent(value).length).toBeLessThanOrEqual(4096);
          // Every member is upstream's, unchanged, or ours: and ours are never sensitive.
          if (upstream.get(key) === value) continue;
          const values = key === 'langfuse_tags' ? value.split(',') : [value];
          for (const v of values) {
            if (key === 'langfuse_tags' && upstreamTags.has(v)) continue;
            expect(detectSensitive(v), `${key}=${v.slice(0, 40)}`).toBeUndefined();
          }
        }
        const back = getContextAttributes(propagation.extract(ROOT_CONTEXT, carrier), {
          readBaggage: true,
        });
        expectClean(resolvedProblems(back));
      }),
      RUNS,
    );
  });
});

describe('hostile input: adapter helpers and setup', () => {
  it('toContentAttribute: any value, any bound — no throw, a string within the bound (plus the marker) or undefined', () => {
    fc.assert(
      fc.property(
        fc.oneof(hostileValue, fc.anything()),
        fc.integer({ min: 0, max: 50_000 }),
        (value, max) => {
          const out = toContentAttribute(value, max);
          if (out !== undefined) {
            expect(typeof out).toBe('string');
            expect(out.length).toBeLessThanOrEqual(max + '…[truncated]'.length);
          }
          expect(changedPrototypes(prototypes)).toEqual([]);
        },
      ),
      RUNS,
    );
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(toContentAttribute(cyclic)).toBeUndefined();
    expect(toContentAttribute(10n)).toBeUndefined();
  });

  it('isContentCaptureEnabled: any option — a boolean', () => {
    fc.assert(
      fc.property(hostileValue, (option) => {
        expect(typeof isContentCaptureEnabled(option as never)).toBe('boolean');
      }),
      RUNS,
    );
  });

  it('recordSpanError: any Error (subclasses, odd messages, cyclic causes) — no throw, span ends ERROR', () => {
    fc.assert(
      fc.property(hostileString, fc.constantFrom(Error, TypeError, RangeError), (message, Kind) => {
        capture.reset();
        const error = new Kind(message);
        (error as { cause?: unknown }).cause = error;
        const span = tracer.startSpan('failing');
        recordSpanError(span, error);
        span.end();
        const [ended] = capture.spans();
        expect(ended?.status.code).toBe(SpanStatusCode.ERROR);
        expect(Object.values(ended!.attributes).every(isAttributeValue)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('safely: a hook throwing anything — undefined back, nothing thrown', () => {
    fc.assert(
      fc.property(hostileValue, (thrown) => {
        expect(
          safely('hostile hook', () => {
            throw thrown;
          }),
        ).toBeUndefined();
      }),
      RUNS,
    );
  });

  it('detectSensitive: any string — no throw, a known kind or undefined', () => {
    const kinds = new Set([undefined, 'email', 'jwt', 'bearer-token', 'api-key', 'card-number']);
    fc.assert(
      fc.property(hostileString, (value) => {
        expect(kinds.has(detectSensitive(value))).toBe(true);
      }),
      RUNS,
    );
  });

  it('registerThreadline: any processor options without registering — a working provider whose spans are valid', async () => {
    await fc.assert(
      fc.asyncProperty(hostileProcessorOptions, hostileAttributes, async (options, attributes) => {
        const exporter = new InMemorySpanExporter();
        const registration = registerThreadline({
          ...(options as object),
          register: false,
          batch: false,
          exporter,
          serviceName: 'hostile',
        });
        const own = registration.provider.getTracer('register');
        propagateAttributes(attributes as never, () => own.startSpan('s').end());
        // Read before shutdown: the in-memory exporter forgets its spans when shut down.
        const spans = exporter.getFinishedSpans();
        expect(spans).toHaveLength(1);
        expectClean(spanProblems(spans));
        await registration.shutdown();
      }),
      { numRuns: 100 },
    );
  });
});

/**
 * Edges found by widening the properties above past the typed domain (found by this suite and
 * fixed in core in e5ca329): kept as regression tests.
 */
describe('hostile input: values past the typed domain', () => {
  it('recordSpanError(span, a thrown value whose String() throws: Object.create(null), a throwing proxy) still ends the span ERROR', () => {
    for (const thrown of [Object.create(null), throwingProxy()]) {
      capture.reset();
      const span = tracer.startSpan('odd-throw');
      recordSpanError(span, thrown);
      span.end();
      expect(capture.spans()[0]?.status.code).toBe(SpanStatusCode.ERROR);
    }
  });

  it('getSpanAttributes(null or a throwing proxy, ctx) does not throw', () => {
    expect(() => getSpanAttributes(null as never, ROOT_CONTEXT)).not.toThrow();
    expect(() => getSpanAttributes(throwingProxy(), ROOT_CONTEXT)).not.toThrow();
  });

  it('detectSensitive(a non-string) does not throw', () => {
    expect(() => detectSensitive(123 as never)).not.toThrow();
    expect(() => detectSensitive(undefined as never)).not.toThrow();
  });

  it('new ThreadlineSpanProcessor(null) and registerThreadline(null) fall back to defaults', async () => {
    const processor = new ThreadlineSpanProcessor(null as never);
    await processor.shutdown();
    // Defaults include registering globally (already done by the capture: it stays in place)
    // and exporting to the OTLP default on localhost, which is never reached before shutdown.
    const registration = registerThreadline(null as never);
    expect(registration.processor).toBeInstanceOf(ThreadlineSpanProcessor);
    await registration.provider.shutdown();
  });

  it('contextWithExplicitAttributes(ctx, unvalidated values) puts no invalid value on spans', () => {
    capture.reset();
    const ctx = contextWithExplicitAttributes(ROOT_CONTEXT, {
      sessionId: 123,
      tags: 'not-a-list',
    } as never);
    tracer.startSpan('unvalidated', {}, ctx).end();
    expect(spanProblems(capture.spans())).toEqual([]);
  });

  it('registerThreadline({ serviceName: a non-string }) puts no invalid resource attribute', async () => {
    const exporter = new InMemorySpanExporter();
    const registration = registerThreadline({
      register: false,
      batch: false,
      exporter,
      serviceName: {} as never,
    });
    registration.provider.getTracer('r').startSpan('s').end();
    const resource = exporter.getFinishedSpans()[0]!.resource.attributes;
    await registration.shutdown();
    expect(Object.values(resource).every(isAttributeValue)).toBe(true);
  });
});

/**
 * Found by the nested-scope property above (a rare draw: both scopes with many valid metadata
 * keys): a span active while nested scopes were entered collected their metadata keys past
 * docs/contract.md#fields's 50. Fixed in core (e81e253); kept as a regression test.
 */
describe('hostile input: stamping across nested scopes', () => {
  it('a span active while two scopes of 50 different metadata keys are entered keeps at most 50 metadata keys', () => {
    capture.reset();
    const keys = (prefix: string) =>
      Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`${prefix}${i}`, 'v']));
    const request = tracer.startSpan('request');
    context.with(trace.setSpan(context.active(), request), () =>
      propagateAttributes({ metadata: keys('outer') }, () =>
        propagateAttributes({ metadata: keys('inner') }, () => undefined),
      ),
    );
    request.end();
    expect(attributeProblems(capture.spans()[0]!.attributes)).toEqual([]);
  });
});
