import { telemetry as ai5and6Telemetry } from '@threadline/ai-sdk';
import { telemetry } from '@threadline/ai-sdk/otel';
import { propagateAttributes } from '@threadline/core';
import { generateText, registerTelemetry, stepCountIs, streamText, tool } from 'ai';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useHarness } from '../../../test/harness';
import { contextsByName, type SpanContextFields } from '../../../test/span-context';
import { useOpenAI } from './use-openai';
import { useRegistration } from './use-registration';
import { WEATHER_LOOP, WEATHER_LOOP_SPANS, weather } from './weather';

type Settings = ReturnType<typeof telemetry>;

function runLoop(model: ReturnType<ReturnType<typeof useOpenAI>['chat']>, settings: Settings) {
  return streamText({
    model,
    prompt: 'Weather in Paris and Lyon?',
    tools: { weather },
    stopWhen: stepCountIs(5),
    telemetry: settings,
  }).consumeStream();
}

function expectEverySpan(
  spans: Array<[string, SpanContextFields]>,
  expected: SpanContextFields,
): void {
  expect(spans.map(([name]) => name).sort()).toEqual(WEATHER_LOOP_SPANS);
  expect(spans).toEqual(spans.map(([name]) => [name, expected]));
}

describe('telemetry() with no integration registered: the call is traced all the same', () => {
  const harness = useHarness();
  const openai = useOpenAI();

  it('only telemetry() options, no scope: every field reaches every span', async () => {
    openai.server.enqueue(...WEATHER_LOOP);
    await runLoop(
      openai.chat(),
      telemetry({
        sessionId: 'conv-1',
        userId: 'user-1',
        tags: ['beta'],
        metadata: { region: 'eu' },
        traceName: 'weather-chat',
      }),
    );
    expectEverySpan(contextsByName(await harness.settle()), {
      sessionId: 'conv-1',
      userId: 'user-1',
      tags: ['beta'],
      traceName: 'weather-chat',
      metadata: { region: 'eu' },
    });
    expect(harness.diagnostics).toEqual([]);
  });

  it('telemetry() with no fields, inside propagateAttributes: every span carries the scope', async () => {
    openai.server.enqueue(...WEATHER_LOOP);
    await propagateAttributes({ sessionId: 'conv-2', userId: 'user-2' }, () =>
      runLoop(openai.chat(), telemetry()),
    );
    expectEverySpan(contextsByName(await harness.settle()), {
      sessionId: 'conv-2',
      userId: 'user-2',
    });
  });

  it('as the deprecated experimental_telemetry: the same', async () => {
    openai.server.enqueue(...WEATHER_LOOP);
    await streamText({
      model: openai.chat(),
      prompt: 'Weather in Paris and Lyon?',
      tools: { weather },
      stopWhen: stepCountIs(5),
      experimental_telemetry: telemetry({ sessionId: 'conv-3' }),
    }).consumeStream();
    expectEverySpan(contextsByName(await harness.settle()), { sessionId: 'conv-3' });
  });
});

describe('telemetry() over registerThreadlineTelemetry()', () => {
  const harness = useHarness();
  const openai = useOpenAI();
  useRegistration();

  it('options win over the scope field by field; tags and metadata merge', async () => {
    openai.server.enqueue(...WEATHER_LOOP);
    await propagateAttributes(
      { sessionId: 'scope-session', userId: 'user-4', tags: ['a'], metadata: { tier: 'gold' } },
      () =>
        runLoop(
          openai.chat(),
          telemetry({ sessionId: 'conv-4', tags: ['b'], metadata: { tier: 'free' } }),
        ),
    );
    // Also: one span per operation, step, model call and tool, so nothing ran twice.
    expectEverySpan(contextsByName(await harness.settle()), {
      sessionId: 'conv-4',
      userId: 'user-4',
      tags: ['a', 'b'],
      metadata: { tier: 'free' },
    });
  });

  it('generateText with telemetry({ sessionId }) outside any scope', async () => {
    openai.server.enqueue(...WEATHER_LOOP);
    await generateText({
      model: openai.responses(),
      prompt: 'Weather in Paris and Lyon?',
      tools: { weather },
      stopWhen: stepCountIs(5),
      telemetry: telemetry({ sessionId: 'conv-5', userId: 'user-5' }),
    });
    expectEverySpan(contextsByName(await harness.settle()), {
      sessionId: 'conv-5',
      userId: 'user-5',
    });
  });

  it('a nested call in a tool, with telemetry({ sessionId }), gets its own session', async () => {
    const triage = tool({
      inputSchema: z.object({ city: z.string() }),
      // A sub-agent with a conversation of its own.
      execute: async () =>
        (
          await generateText({
            model: openai.chat(),
            prompt: 'Handle it.',
            telemetry: telemetry({ sessionId: 'sub-conv' }),
          })
        ).text,
    });
    openai.server.enqueue(
      { toolCalls: [{ name: 'triage', arguments: { city: 'Paris' } }] },
      { content: 'delegated' },
      { content: 'Done.' },
    );
    await propagateAttributes({ sessionId: 'conv-6', userId: 'user-6' }, () =>
      streamText({
        model: openai.chat(),
        prompt: 'Triage this.',
        tools: { triage },
        stopWhen: stepCountIs(3),
        telemetry: telemetry(),
      }).consumeStream(),
    );
    const spans = await harness.settle();
    const root = (span: (typeof spans)[number]) => {
      const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
      let current = span;
      for (;;) {
        const parent = byId.get(current.parentSpanContext?.spanId ?? '');
        if (!parent || parent.name === 'execute_tool triage') return parent ? 'inner' : 'outer';
        current = parent;
      }
    };
    expect(
      spans
        .map((s) => `${root(s)} ${s.name} ${s.attributes['session.id']} ${s.attributes['user.id']}`)
        .sort(),
    ).toEqual([
      'inner chat gpt-4o-mini sub-conv user-6',
      'inner invoke_agent gpt-4o-mini sub-conv user-6',
      'inner step 1 sub-conv user-6',
      'outer chat gpt-4o-mini conv-6 user-6',
      'outer chat gpt-4o-mini conv-6 user-6',
      'outer execute_tool triage conv-6 user-6',
      'outer invoke_agent gpt-4o-mini conv-6 user-6',
      'outer step 1 conv-6 user-6',
      'outer step 2 conv-6 user-6',
    ]);
  });
});

describe('telemetry() keeps the integrations the application registered', () => {
  const harness = useHarness();
  const openai = useOpenAI();
  useRegistration();
  const started: string[] = [];
  beforeAll(() => {
    // An integration of the application's own, next to Threadline's.
    registerTelemetry({ onStart: (event) => void started.push(event.operationId) });
  });

  it('both run for a call with telemetry({ sessionId }), each once', async () => {
    openai.server.enqueue(...WEATHER_LOOP);
    await runLoop(openai.chat(), telemetry({ sessionId: 'conv-7' }));
    expect(started).toEqual(['ai.streamText']);
    expectEverySpan(contextsByName(await harness.settle()), { sessionId: 'conv-7' });
  });
});

describe('the ai 5/6 telemetry() on ai 7', () => {
  const harness = useHarness();
  const openai = useOpenAI();
  useRegistration();

  it('says once, through diag, which telemetry() ai 7 needs', async () => {
    for (let i = 0; i < 2; i++) {
      openai.server.enqueue({ content: 'Hi.' });
      await generateText({
        model: openai.chat(),
        prompt: 'Hello',
        telemetry: ai5and6Telemetry({ sessionId: 'conv-8' }) as Settings,
      });
    }
    expect(harness.diagnostics).toEqual([
      expect.stringContaining(
        "Use telemetry() and registerThreadlineTelemetry() from '@threadline/ai-sdk/otel'",
      ),
    ]);
  });
});
