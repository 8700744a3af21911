import { describe, expect, it } from 'vitest';
import { makeSpan } from '../../test/support/spans';
import { type DevObservation, resolveTrace } from './resolve-trace';

describe('resolveTrace', () => {
  it('names the tool a tool span ran, from the keys the frameworks use', () => {
    const spans = [
      makeSpan({ trace: 1, span: 1, name: 'ai.toolCall', attributes: { 'ai.toolCall.name': 'a' } }),
      makeSpan({
        trace: 1,
        span: 2,
        name: 'execute_tool b',
        attributes: { 'gen_ai.tool.name': 'b' },
      }),
      makeSpan({ trace: 1, span: 3, name: 'tool', attributes: { 'tool.name': 'c' } }),
      makeSpan({ trace: 1, span: 4, name: 'plain' }),
    ];
    const { trace } = resolveTrace(spans[0]!.traceId, spans)!;
    expect((trace.observations as DevObservation[]).map((o) => o.toolName)).toEqual([
      'a',
      'b',
      'c',
      undefined,
    ]);
  });

  it('cuts long metadata values and bounds content', () => {
    const spans = [
      makeSpan({
        trace: 1,
        span: 1,
        attributes: {
          'langfuse.observation.metadata.note': 'n'.repeat(10_000),
          'langfuse.observation.input': JSON.stringify(Array.from({ length: 3_000 }, () => 1)),
        },
      }),
    ];
    const { trace } = resolveTrace(spans[0]!.traceId, spans)!;
    const [o] = trace.observations;
    expect(o!.metadata.note).toMatch(/^n{4000}… \(6000 more characters\)$/);
    expect((o!.input as unknown[]).at(-1)).toBe('[… 1000 more items]');
  });

  it('gives a placeholder trace that says why when the spans cannot be resolved', () => {
    const span = makeSpan({ trace: 1, span: 1, startMs: 5 });
    Object.defineProperty(span.attributes, 'boom', {
      enumerable: true,
      get() {
        throw new Error('unreadable attribute');
      },
    });
    const resolved = resolveTrace(span.traceId, [span])!;
    expect(resolved.unreadable).toContain('unreadable attribute');
    expect(resolved.trace).toMatchObject({
      id: span.traceId,
      name: '[this value cannot be shown: unreadable attribute]',
      observations: [],
      timestamp: 1_735_689_600_005,
    });
    expect(resolveTrace('none', [])).toBeUndefined();
  });
});
