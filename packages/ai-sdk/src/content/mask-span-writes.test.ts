import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { configureThreadline, resetThreadlineConfiguration } from '@threadline/core';
import { afterEach, describe, expect, it } from 'vitest';
import { maskWritesOf, withMaskedAttributes } from './mask-span-writes';

afterEach(() => resetThreadlineConfiguration());

function tracer() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  return { tracer: provider.getTracer('gen_ai'), spans: () => exporter.getFinishedSpans() };
}

describe('maskWritesOf', () => {
  it('start attributes and later writes masked, each value once; the span object kept', () => {
    let calls = 0;
    configureThreadline({
      mask: ({ data }) => {
        calls++;
        return typeof data === 'string' ? data.replaceAll('secret', '***') : data;
      },
    });
    const { tracer: t, spans } = tracer();
    const span = t.startSpan(
      'chat',
      withMaskedAttributes({ attributes: { 'gen_ai.input.messages': 'a secret', x: 'secret' } }),
    );
    const original = span;
    maskWritesOf(span);
    span.setAttributes({ 'gen_ai.output.messages': 'the secret', y: 'secret' });
    span.setAttribute('gen_ai.tool.call.result', 'secret result');
    span.end();
    expect(span).toBe(original);
    const [finished] = spans() as ReadableSpan[];
    expect(finished!.attributes).toEqual({
      'gen_ai.input.messages': 'a ***',
      x: 'secret',
      'gen_ai.output.messages': 'the ***',
      y: 'secret',
      'gen_ai.tool.call.result': '*** result',
    });
    expect(calls).toBe(3);
  });

  it('a mask that throws: those attributes left out, the rest written', () => {
    configureThreadline({
      mask: () => {
        throw new Error('mask failed');
      },
    });
    const { tracer: t, spans } = tracer();
    const span = t.startSpan('chat');
    maskWritesOf(span);
    span.setAttributes({ 'gen_ai.output.messages': 'answer', 'gen_ai.usage.output_tokens': 3 });
    span.setAttribute('gen_ai.tool.call.arguments', '{}');
    span.end();
    expect(spans()[0]!.attributes).toEqual({ 'gen_ai.usage.output_tokens': 3 });
  });
});
