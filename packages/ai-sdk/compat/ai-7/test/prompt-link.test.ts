import { telemetry } from '@threadline/ai-sdk/otel';
import { propagateAttributes } from '@threadline/core';
import { embedMany, generateText, stepCountIs, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../../../test/harness';
import { langfusePrompt, link, linksByName } from '../../../test/prompt-links';
import { useOpenAI } from './use-openai';
import { useRegistration } from './use-registration';
import { WEATHER_LOOP, weather } from './weather';

/** The spans of the weather loop with the model calls (`chat …`) linked to `linked`. */
function loopLinks(linked: Record<string, unknown>): Array<[string, Record<string, unknown>]> {
  return [
    ['chat gpt-4o-mini', linked],
    ['chat gpt-4o-mini', linked],
    ['execute_tool weather', {}],
    ['execute_tool weather', {}],
    ['invoke_agent gpt-4o-mini', {}],
    ['step 1', {}],
    ['step 2', {}],
    ['weather-lookup', {}],
    ['weather-lookup', {}],
  ];
}

const SCOPE = { sessionId: 'conv-1', prompt: { name: 'scope-prompt', version: 1 } };

describe.each([
  { registered: false, name: 'with no integration registered' },
  { registered: true, name: 'over registerThreadlineTelemetry()' },
])('ai 7 prompt links $name (docs/contract.md#fields)', ({ registered }) => {
  const harness = useHarness();
  const openai = useOpenAI();
  if (registered) useRegistration();

  const loop = (settings: ReturnType<typeof telemetry> | undefined) =>
    streamText({
      model: openai.chat(),
      prompt: 'Weather in Paris and Lyon?',
      tools: { weather },
      stopWhen: stepCountIs(5),
      telemetry: settings,
    }).consumeStream();

  it('a scope prompt links every chat span of a streamText tool loop, and nothing else', async () => {
    openai.server.enqueue(...WEATHER_LOOP);
    await propagateAttributes(SCOPE, () => loop(registered ? undefined : telemetry()));
    const spans = await harness.settle();
    expect(linksByName(spans)).toEqual(loopLinks(link('scope-prompt', 1)));
    const chat = spans.find((span) => span.name.startsWith('chat '))!;
    expect(Number.isInteger(chat.attributes['langfuse.observation.prompt.version'])).toBe(true);
    expect(spans.map((span) => span.attributes['session.id'])).toEqual(spans.map(() => 'conv-1'));
  });

  it('the per-call prompt wins over the scope: generateText with a tool', async () => {
    openai.server.enqueue(...WEATHER_LOOP);
    await propagateAttributes(SCOPE, () =>
      generateText({
        model: openai.responses(),
        prompt: 'Weather in Paris and Lyon?',
        tools: { weather },
        stopWhen: stepCountIs(5),
        telemetry: telemetry({ prompt: langfusePrompt('call-prompt', 7) }),
      }),
    );
    expect(linksByName(await harness.settle())).toEqual(loopLinks(link('call-prompt', 7)));
  });

  it('metadata langfusePrompt as the JSON of prompt.toJSON() is the per-call prompt', async () => {
    openai.server.enqueue(...WEATHER_LOOP);
    const json = JSON.stringify(langfusePrompt('support', 5));
    expect(json.length).toBeGreaterThan(200);
    await propagateAttributes(SCOPE, () =>
      loop(telemetry({ metadata: { langfusePrompt: json, tier: 'gold' } })),
    );
    const spans = await harness.settle();
    expect(linksByName(spans)).toEqual(loopLinks(link('support', 5)));
    // The rest of the metadata goes on as before; the prompt is no metadata key.
    expect(spans.map((span) => span.attributes['langfuse.trace.metadata.tier'])).toEqual(
      spans.map(() => 'gold'),
    );
    expect(harness.diagnostics).toEqual([]);
  });

  it('a fallback prompt (per call, or in metadata) and prompt: null link nothing, not even the scope’s', async () => {
    const fallback = langfusePrompt('support', 1, true);
    const calls = [
      telemetry({ prompt: fallback }),
      telemetry({ metadata: { langfusePrompt: JSON.stringify(fallback) } }),
      telemetry({ prompt: null }),
    ];
    for (const settings of calls) {
      openai.server.enqueue(...WEATHER_LOOP);
      await propagateAttributes(SCOPE, () => loop(settings));
    }
    const spans = await harness.settle();
    expect(spans).toHaveLength(3 * 9);
    expect(linksByName(spans).filter(([, keys]) => Object.keys(keys).length > 0)).toEqual([]);
  });

  it('embeddings link nothing', async () => {
    await propagateAttributes(SCOPE, () =>
      embedMany({
        model: openai.embedding(),
        values: ['sunny', 'rainy'],
        telemetry: registered ? undefined : telemetry(),
      }),
    );
    const spans = await harness.settle();
    expect(spans.length).toBeGreaterThan(0);
    expect(linksByName(spans).filter(([, keys]) => Object.keys(keys).length > 0)).toEqual([]);
  });
});
