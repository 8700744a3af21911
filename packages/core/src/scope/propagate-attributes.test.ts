import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTracerProvider, exportEach, InMemorySpanExporter } from '../../test/trace-sdk';
import { ThreadlineSpanProcessor } from '../processor/threadline-span-processor';
import { getActiveAttributes, propagateAttributes } from './propagate-attributes';

const exporter = new InMemorySpanExporter();
const provider = createTracerProvider({
  spanProcessors: [new ThreadlineSpanProcessor(), exportEach(exporter)],
});
const tracer = provider.getTracer('test');
const manager = new AsyncLocalStorageContextManager();

beforeAll(() => {
  context.setGlobalContextManager(manager.enable());
});
afterAll(() => {
  context.disable();
});

describe('propagateAttributes', () => {
  it('puts the scope on spans and returns what fn returns', async () => {
    exporter.reset();
    const result = await propagateAttributes(
      { sessionId: 's1', userId: 'u1', tags: ['a'] },
      async () => {
        await new Promise((r) => setTimeout(r, 1));
        tracer.startSpan('x').end();
        return 42;
      },
    );
    expect(result).toBe(42);
    const [span] = exporter.getFinishedSpans();
    expect(span?.attributes).toMatchObject({
      'session.id': 's1',
      'user.id': 'u1',
      'langfuse.trace.tags': ['a'],
    });
  });

  it('nests: inner scalar wins, null clears, tags union, metadata merges', () => {
    propagateAttributes(
      { sessionId: 'outer', userId: 'u', tags: ['a'], metadata: { x: 1, y: 'o' } },
      () => {
        propagateAttributes(
          { sessionId: 'inner', userId: null, tags: ['b', 'a'], metadata: { y: 'i' } },
          () => {
            expect(getActiveAttributes()).toEqual({
              sessionId: 'inner',
              tags: ['a', 'b'],
              metadata: { x: '1', y: 'i' },
            });
          },
        );
      },
    );
  });

  it('a child with an explicit parent after the scope closed inherits the parent', () => {
    exporter.reset();
    const parent = propagateAttributes({ sessionId: 'p' }, () => tracer.startSpan('parent'));
    const child = tracer.startSpan('child', {}, trace.setSpan(context.active(), parent));
    child.end();
    parent.end();
    expect(exporter.getFinishedSpans()[0]?.attributes['session.id']).toBe('p');
  });

  it('hands applications frozen attributes, though core shares them unfrozen', () => {
    const active = propagateAttributes({ sessionId: 's1', tags: ['a'] }, () =>
      propagateAttributes({ userId: 'u1' }, () => getActiveAttributes()),
    );
    expect(active).toEqual({ sessionId: 's1', userId: 'u1', tags: ['a'] });
    expect(Object.isFrozen(active)).toBe(true);
    expect(Object.isFrozen(active.tags)).toBe(true);
  });
});
