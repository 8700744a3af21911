import { context, INVALID_SPAN_CONTEXT, propagation, trace } from '@opentelemetry/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, installGlobals } from '../../test/harness';
import { getActiveAttributes, propagateAttributes } from '../scope/propagate-attributes';
import { validateAttributes } from '../validation/validate-attributes';
import { contextWithExplicitAttributes, getSpanAttributes } from './explicit-attributes';
import { setPromptLink } from './prompt-link';

const NAME = 'langfuse.observation.prompt.name';
const VERSION = 'langfuse.observation.prompt.version';

describe('prompt links (docs/contract.md#fields)', () => {
  let uninstall: () => void;
  beforeAll(() => {
    uninstall = installGlobals();
  });
  afterAll(() => uninstall());

  const harness = createHarness({ dialects: ['otel', 'langfuse', 'openinference'] });
  afterEach(() => harness.reset());

  /** What an adapter does for a model call: explicit per-call values, then the link. */
  function generation(name: string, perCall: Parameters<typeof validateAttributes>[0] = {}) {
    const start = contextWithExplicitAttributes(
      context.active(),
      validateAttributes(perCall).attributes,
    );
    const span = harness
      .tracer()
      .startSpan(name, { attributes: { 'gen_ai.operation.name': 'chat' } }, start);
    setPromptLink(span, getSpanAttributes(span, start));
    span.end();
    return harness.span(name).attributes;
  }

  it('a scope names the prompt; the generation carries it as a string name and integer version', () => {
    const attributes = propagateAttributes({ prompt: { name: 'support', version: 3 } }, () =>
      generation('chat'),
    );
    expect(attributes[NAME]).toBe('support');
    expect(attributes[VERSION]).toBe(3);
    expect(typeof attributes[VERSION]).toBe('number');
  });

  it('the processor puts the prompt on no span by itself, and never into baggage', () => {
    propagateAttributes(
      { sessionId: 'conv-1', prompt: { name: 'support', version: 3 }, asBaggage: true },
      () => {
        harness.tracer().startSpan('chain').end();
        const baggage = propagation.getBaggage(context.active());
        expect(baggage?.getAllEntries().map(([key]) => key)).toEqual(['langfuse_session_id']);
      },
    );
    const attributes = harness.span('chain').attributes;
    expect(attributes['session.id']).toBe('conv-1');
    expect(Object.keys(attributes).filter((key) => key.includes('prompt'))).toEqual([]);
  });

  it('the per-call prompt wins over the scope, and an inner scope replaces the outer one whole', () => {
    const perCall = propagateAttributes({ prompt: { name: 'outer', version: 1 } }, () =>
      generation('per-call', { prompt: { name: 'call', version: 7 } }),
    );
    expect([perCall[NAME], perCall[VERSION]]).toEqual(['call', 7]);
    const inner = propagateAttributes({ prompt: { name: 'outer', version: 1 } }, () =>
      propagateAttributes({ prompt: { name: 'inner', version: 2 } }, () => generation('inner')),
    );
    expect([inner[NAME], inner[VERSION]]).toEqual(['inner', 2]);
  });

  it('null clears an inherited prompt, and so does a fallback prompt in a scope (it is not in Langfuse)', () => {
    const outer = { prompt: { name: 'outer', version: 1 } };
    const fallback = { name: 'support', version: 1, isFallback: true };
    const cleared = propagateAttributes(outer, () =>
      propagateAttributes({ prompt: null }, () => generation('cleared')),
    );
    expect(cleared[NAME]).toBeUndefined();
    const inScope = propagateAttributes(outer, () =>
      propagateAttributes({ prompt: fallback }, () => generation('fallback-scope')),
    );
    expect(inScope[NAME]).toBeUndefined();
    expect(inScope[VERSION]).toBeUndefined();
    const perCall = generation('fallback-call', { prompt: fallback });
    expect(perCall[NAME]).toBeUndefined();
  });

  it('a Langfuse prompt client object is read for its name and version only', () => {
    const client = {
      name: 'support',
      version: 4,
      isFallback: false,
      prompt: 'You are {{role}}',
      config: { temperature: 0 },
      labels: ['production'],
      compile: () => 'You are a helper',
    };
    const attributes = generation('client', { prompt: client });
    expect([attributes[NAME], attributes[VERSION]]).toEqual(['support', 4]);
    expect(
      propagateAttributes({ prompt: client }, () => getActiveAttributes().prompt),
    ).toStrictEqual({ name: 'support', version: 4 });
  });

  it('under the openinference dialect an LLM span also carries the prompt in OpenInference keys', () => {
    const attributes = generation('oi', { prompt: { name: 'support', version: 5 } });
    expect(attributes['openinference.span.kind']).toBe('LLM');
    expect(attributes['prompt.vendor']).toBe('langfuse');
    expect(attributes['prompt.id']).toBe('support');
    expect(attributes['llm.prompt_template.version']).toBe('5');
  });

  it('a span started with no processor (no record) still reads the prompt from its context', () => {
    const start = contextWithExplicitAttributes(
      context.active(),
      validateAttributes({ prompt: { name: 'support', version: 2 } }).attributes,
    );
    const span = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
    expect(getSpanAttributes(span, start).prompt).toStrictEqual({ name: 'support', version: 2 });
  });
});

describe('prompt validation', () => {
  const reasons = (prompt: unknown) => {
    const reports: string[] = [];
    const result = validateAttributes(
      { prompt },
      { sensitive: 'warn', maxMetadataCardinality: 1000, onInvalid: (r) => reports.push(r.reason) },
    );
    return { prompt: result.attributes.prompt, reports };
  };

  it('keeps a valid one and drops each invalid one on its own, reported', () => {
    expect(reasons({ name: 'p', version: 1 })).toEqual({
      prompt: { name: 'p', version: 1 },
      reports: [],
    });
    for (const [input, reason] of [
      ['support', 'type'],
      [{ name: '', version: 1 }, 'empty'],
      [{ name: 'x'.repeat(201), version: 1 }, 'too-long'],
      [{ name: 'a\nb', version: 1 }, 'characters'],
      [{ name: 'p' }, 'type'],
      [{ name: 'p', version: '3' }, 'type'],
      [{ name: 'p', version: 0 }, 'type'],
      [{ name: 'p', version: 1.5 }, 'type'],
      [{ name: 'p', version: Number.NaN }, 'type'],
    ] as const) {
      expect(reasons(input), JSON.stringify(input)).toEqual({
        prompt: undefined,
        reports: [reason],
      });
    }
  });

  it('other fields survive an invalid prompt', () => {
    const result = validateAttributes({ sessionId: 's', prompt: { name: 'p', version: -1 } });
    expect(result.attributes).toEqual({ sessionId: 's' });
  });
});
