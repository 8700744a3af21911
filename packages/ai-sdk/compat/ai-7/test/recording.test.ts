import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { registerThreadlineTelemetry, telemetry } from '@threadline/ai-sdk/otel';
import { stepCountIs, streamText } from 'ai';
import { afterAll, describe, expect, it } from 'vitest';
import { useHarness } from '../../../test/harness';
import { useOpenAI } from './use-openai';
import { useRegistration } from './use-registration';
import { WEATHER_LOOP, WEATHER_LOOP_SPANS, weather } from './weather';

/** The content keys `@ai-sdk/otel` writes: prompts, completions, tool arguments and results. */
const CONTENT_KEYS = [
  'gen_ai.input.messages',
  'gen_ai.output.messages',
  'gen_ai.tool.call.arguments',
  'gen_ai.tool.call.result',
];

function contentKeysOf(spans: readonly ReadableSpan[]): string[] {
  const found = new Set<string>();
  for (const span of spans) {
    for (const key of CONTENT_KEYS) if (span.attributes[key] !== undefined) found.add(key);
  }
  return [...found].sort();
}

describe('registerThreadlineTelemetry({ recordInputs: false, recordOutputs: false })', () => {
  const harness = useHarness();
  const openai = useOpenAI();
  useRegistration({ recordInputs: false, recordOutputs: false });

  function runLoop(settings?: ReturnType<typeof telemetry>) {
    openai.server.enqueue(...WEATHER_LOOP);
    return streamText({
      model: openai.chat(),
      prompt: 'Weather in Paris and Lyon?',
      tools: { weather },
      stopWhen: stepCountIs(5),
      telemetry: settings,
    }).consumeStream();
  }

  it('calls that leave recording open record no content', async () => {
    await runLoop();
    const spans = await harness.settle();
    expect(spans.map((span) => span.name).sort()).toEqual(WEATHER_LOOP_SPANS);
    expect(contentKeysOf(spans)).toEqual([]);
  });

  it("a call's own settings win: telemetry({ recordInputs: true, recordOutputs: true })", async () => {
    await runLoop(telemetry({ recordInputs: true, recordOutputs: true }));
    expect(contentKeysOf(await harness.settle())).toEqual([...CONTENT_KEYS].sort());
  });
});

describe('registerThreadlineTelemetry() called again', () => {
  const harness = useHarness();
  const openai = useOpenAI();
  afterAll(() => {
    globalThis.AI_SDK_TELEMETRY_INTEGRATIONS = [];
  });

  it("replaces Threadline's earlier registration: each span is made once", async () => {
    registerThreadlineTelemetry();
    registerThreadlineTelemetry();
    expect(globalThis.AI_SDK_TELEMETRY_INTEGRATIONS).toHaveLength(1);
    openai.server.enqueue(...WEATHER_LOOP);
    await streamText({
      model: openai.chat(),
      prompt: 'Weather in Paris and Lyon?',
      tools: { weather },
      stopWhen: stepCountIs(5),
    }).consumeStream();
    expect((await harness.settle()).map((span) => span.name).sort()).toEqual(WEATHER_LOOP_SPANS);
  });
});
