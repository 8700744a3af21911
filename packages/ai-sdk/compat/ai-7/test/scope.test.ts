import { propagateAttributes } from '@threadline/core';
import { embed, embedMany, generateText, stepCountIs, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../../../test/harness';
import { contextsByName, type SpanContextFields } from '../../../test/span-context';
import { useOpenAI } from './use-openai';
import { useRegistration } from './use-registration';
import { WEATHER_LOOP, WEATHER_LOOP_SPANS, weather } from './weather';

const SCOPE = {
  sessionId: 'conv-1',
  userId: 'user-1',
  tags: ['support'],
  metadata: { tier: 'gold' },
};
const FROM_SCOPE: SpanContextFields = {
  sessionId: 'conv-1',
  userId: 'user-1',
  tags: ['support'],
  metadata: { tier: 'gold' },
};

function expectEverySpan(
  spans: Array<[string, SpanContextFields]>,
  expected: SpanContextFields,
): void {
  expect(spans.map(([name]) => name).sort()).toEqual(WEATHER_LOOP_SPANS);
  expect(spans).toEqual(spans.map(([name]) => [name, expected]));
}

describe('registerThreadlineTelemetry(): every span of a call carries the active scope', () => {
  const harness = useHarness();
  const openai = useOpenAI();
  useRegistration();

  it('streamText tool loop: invoke_agent, every step, chat and execute_tool, and the tool work', async () => {
    openai.server.enqueue(...WEATHER_LOOP);
    const text = await propagateAttributes(SCOPE, async () => {
      const result = streamText({
        model: openai.chat(),
        prompt: 'Weather in Paris and Lyon?',
        tools: { weather },
        stopWhen: stepCountIs(5),
      });
      let text = '';
      for await (const delta of result.textStream) text += delta;
      return text;
    });
    expect(text).toBe('Sunny in both.');
    expectEverySpan(contextsByName(await harness.settle()), FROM_SCOPE);
    expect(harness.diagnostics).toEqual([]);
  });

  it('generateText tool loop over the Responses API: the same', async () => {
    openai.server.enqueue(...WEATHER_LOOP);
    const result = await propagateAttributes(SCOPE, () =>
      generateText({
        model: openai.responses(),
        prompt: 'Weather in Paris and Lyon?',
        tools: { weather },
        stopWhen: stepCountIs(5),
      }),
    );
    expect(result.text).toBe('Sunny in both.');
    expectEverySpan(contextsByName(await harness.settle()), FROM_SCOPE);
  });

  it('created in a scope and read after it closed: every span keeps the scope', async () => {
    openai.server.enqueue(...WEATHER_LOOP);
    // As in a route handler that returns the stream: the scope is gone when the body is read.
    const result = propagateAttributes(SCOPE, () =>
      streamText({
        model: openai.chat(),
        prompt: 'Weather in Paris and Lyon?',
        tools: { weather },
        stopWhen: stepCountIs(5),
      }),
    );
    await result.consumeStream();
    expectEverySpan(contextsByName(await harness.settle()), FROM_SCOPE);
  });

  it('one trace: every span under invoke_agent, the tool work under its execute_tool', async () => {
    openai.server.enqueue(...WEATHER_LOOP);
    await propagateAttributes(SCOPE, () =>
      streamText({
        model: openai.chat(),
        prompt: 'Weather in Paris and Lyon?',
        tools: { weather },
        stopWhen: stepCountIs(5),
      }).consumeStream(),
    );
    const spans = await harness.settle();
    const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]));
    const parentOf = (span: (typeof spans)[number]) =>
      byId.get(span.parentSpanContext?.spanId ?? '')?.name;
    const root = spans.find((span) => span.name.startsWith('invoke_agent'))!;
    expect(new Set(spans.map((span) => span.spanContext().traceId))).toEqual(
      new Set([root.spanContext().traceId]),
    );
    expect(spans.map((span) => `${span.name} < ${parentOf(span)}`).sort()).toEqual([
      'chat gpt-4o-mini < step 1',
      'chat gpt-4o-mini < step 2',
      'execute_tool weather < step 1',
      'execute_tool weather < step 1',
      'invoke_agent gpt-4o-mini < undefined',
      'step 1 < invoke_agent gpt-4o-mini',
      'step 2 < invoke_agent gpt-4o-mini',
      'weather-lookup < execute_tool weather',
      'weather-lookup < execute_tool weather',
    ]);
  });

  it('embed and embedMany: their spans carry the scope too', async () => {
    await propagateAttributes(SCOPE, async () => {
      await embed({ model: openai.embedding(), value: 'sunny' });
      await embedMany({ model: openai.embedding(), values: ['sunny', 'rainy'] });
    });
    const spans = contextsByName(await harness.settle());
    // Each operation, and its one call to the model.
    expect(spans.map(([name]) => name)).toEqual(Array(4).fill('embeddings text-embedding-3-small'));
    expect(spans).toEqual(spans.map(([name]) => [name, FROM_SCOPE]));
  });

  it('outside any scope: the spans are made and carry no Threadline key', async () => {
    openai.server.enqueue(...WEATHER_LOOP);
    await streamText({
      model: openai.chat(),
      prompt: 'Weather in Paris and Lyon?',
      tools: { weather },
      stopWhen: stepCountIs(5),
    }).consumeStream();
    expectEverySpan(contextsByName(await harness.settle()), {});
  });
});
