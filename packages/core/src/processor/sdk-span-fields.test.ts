import { type Context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installGlobals } from '../../test/harness';
import { createTracerProvider, exportEach, InMemorySpanExporter } from '../../test/trace-sdk';
import { propagateAttributes } from '../scope/propagate-attributes';
import { ThreadlineSpanProcessor } from './threadline-span-processor';

/** What the SDK's span looks like to a processor in onStart. */
interface Seen {
  name: string;
  count: unknown;
  attributes: Record<string, unknown>;
}

/** A processor ahead of Threadline's that notes what onStart is given. */
function probe(seen: Seen[]) {
  return {
    onStart(span: object, _parentContext: Context) {
      const fields = span as { name: string; _attributesCount?: unknown; attributes: object };
      seen.push({
        name: fields.name,
        count: fields._attributesCount,
        attributes: { ...fields.attributes },
      });
    },
    onEnd() {},
    forceFlush: () => Promise.resolve(),
    shutdown: () => Promise.resolve(),
  };
}

let uninstall: () => void;
beforeAll(() => {
  uninstall = installGlobals();
});
afterAll(() => uninstall());

// ThreadlineSpanProcessor reads and writes the SDK's own span objects; these are the fields and
// limits it relies on, checked on the SDK major this project installs.
describe('the SDK span as ThreadlineSpanProcessor uses it', () => {
  it('shows its start attributes and their count in onStart (the bare-span fast path)', () => {
    const seen: Seen[] = [];
    const provider = createTracerProvider({
      spanProcessors: [probe(seen), new ThreadlineSpanProcessor()],
    });
    const tracer = provider.getTracer('fields');
    tracer.startSpan('bare').end();
    tracer.startSpan('with', { attributes: { 'http.method': 'GET', 'session.id': 'own' } }).end();
    expect(seen).toEqual([
      { name: 'bare', count: 0, attributes: {} },
      { name: 'with', count: 2, attributes: { 'http.method': 'GET', 'session.id': 'own' } },
    ]);
  });

  it('at the attribute count limit drops what Threadline adds, and children still inherit it', () => {
    const exporter = new InMemorySpanExporter();
    const provider = createTracerProvider({
      spanProcessors: [new ThreadlineSpanProcessor(), exportEach(exporter)],
      spanLimits: { attributeCountLimit: 1 },
    });
    const tracer = provider.getTracer('limits');
    const full = propagateAttributes({ sessionId: 's', userId: 'u' }, () =>
      tracer.startSpan('full', { attributes: { 'http.method': 'GET' } }),
    );
    // Started after the scope closed: the values come from the live parent's record alone.
    tracer.startSpan('child', {}, trace.setSpan(ROOT_CONTEXT, full)).end();
    full.end();
    const [child, parent] = exporter.getFinishedSpans();
    expect(parent?.attributes).toEqual({ 'http.method': 'GET' });
    expect(parent?.droppedAttributesCount).toBe(2);
    expect(child?.attributes).toEqual({ 'session.id': 's' });
    expect(child?.droppedAttributesCount).toBe(1);
  });
});
