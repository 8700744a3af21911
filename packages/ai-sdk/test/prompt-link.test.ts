import { propagateAttributes } from '@threadline/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { telemetry } from '../src/index';
import { useHarness } from './harness';
import { MAJORS, type Major } from './majors';
import { langfusePrompt, link, linksByName, promptKeys } from './prompt-links';

type Settings = Parameters<Major['ai']['generateText']>[0]['experimental_telemetry'];

function weatherTool(major: Major) {
  return major.ai.tool({
    inputSchema: z.object({ city: z.string() }),
    execute: async ({ city }) => ({ city, temperature: 21 }),
  });
}

/** generateText with one tool call: the root, two model calls and the tool call. */
async function generateWithTool(major: Major, settings: Settings): Promise<void> {
  await major.ai.generateText({
    model: major.chatModel([
      { toolCalls: [{ id: 'call-1', name: 'weather', input: { city: 'Paris' } }] },
      { text: 'Sunny.' },
    ]),
    prompt: 'Weather in Paris?',
    tools: { weather: weatherTool(major) },
    stopWhen: major.ai.stepCountIs(3),
    experimental_telemetry: settings,
  });
}

/** streamText with one tool call, read to its end. */
async function streamWithTool(major: Major, settings: Settings): Promise<void> {
  await major.ai
    .streamText({
      model: major.chatModel([
        { paced: true, toolCalls: [{ id: 'call-1', name: 'weather', input: { city: 'Paris' } }] },
        { paced: true, text: 'Sunny in Paris.' },
      ]),
      prompt: 'Weather in Paris?',
      tools: { weather: weatherTool(major) },
      stopWhen: major.ai.stepCountIs(3),
      experimental_telemetry: settings,
    })
    .consumeStream();
}

describe.each(MAJORS)('$name: prompt links (docs/contract.md#fields)', (major) => {
  const harness = useHarness();

  it('a scope prompt links every model call of a streamText tool loop, and nothing else', async () => {
    await propagateAttributes(
      { sessionId: 'conv-1', prompt: { name: 'support', version: 3 } },
      () => streamWithTool(major, telemetry()),
    );
    const spans = await harness.settle();
    expect(linksByName(spans)).toEqual([
      ['ai.streamText', {}],
      ['ai.streamText.doStream', link('support', 3)],
      ['ai.streamText.doStream', link('support', 3)],
      ['ai.toolCall', {}],
    ]);
    const model = spans.find((span) => span.name === 'ai.streamText.doStream')!;
    expect(Number.isInteger(model.attributes['langfuse.observation.prompt.version'])).toBe(true);
    // The rest of the scope reaches every span as before.
    expect(spans.map((span) => span.attributes['session.id'])).toEqual(spans.map(() => 'conv-1'));
  });

  it('the per-call prompt wins over the scope; the outer and tool spans carry none', async () => {
    await propagateAttributes({ prompt: { name: 'scope-prompt', version: 1 } }, () =>
      generateWithTool(major, telemetry({ prompt: { name: 'call-prompt', version: 7 } })),
    );
    expect(linksByName(await harness.settle())).toEqual([
      ['ai.generateText', {}],
      ['ai.generateText.doGenerate', link('call-prompt', 7)],
      ['ai.generateText.doGenerate', link('call-prompt', 7)],
      ['ai.toolCall', {}],
    ]);
  });

  it('the prompt option never reaches the AI SDK metadata, which holds primitives only', () => {
    const settings = propagateAttributes({ prompt: { name: 'scope-prompt', version: 1 } }, () =>
      telemetry({
        sessionId: 'conv-2',
        metadata: { tier: 'gold' },
        prompt: langfusePrompt('support', 4),
      }),
    );
    expect(settings.metadata).toEqual({ sessionId: 'conv-2', tier: 'gold' });
  });

  it('a Langfuse prompt client passed as it is links by its name and version', async () => {
    await generateWithTool(major, telemetry({ prompt: langfusePrompt('support', 4) }));
    const spans = await harness.settle();
    const models = spans.filter((span) => span.name === 'ai.generateText.doGenerate');
    expect(models.map(promptKeys)).toEqual([link('support', 4), link('support', 4)]);
  });

  it('metadata langfusePrompt as the JSON of prompt.toJSON() is the per-call prompt', async () => {
    const json = JSON.stringify(langfusePrompt('support', 5));
    // Longer than a metadata value may be: it is read as the prompt, not as metadata.
    expect(json.length).toBeGreaterThan(200);
    const settings = telemetry({ metadata: { langfusePrompt: json, tier: 'gold' } });
    expect(settings.metadata).toEqual({ tier: 'gold' });
    await propagateAttributes({ prompt: { name: 'scope-prompt', version: 1 } }, () =>
      streamWithTool(major, settings),
    );
    const spans = await harness.settle();
    expect(linksByName(spans)).toEqual([
      ['ai.streamText', {}],
      ['ai.streamText.doStream', link('support', 5)],
      ['ai.streamText.doStream', link('support', 5)],
      ['ai.toolCall', {}],
    ]);
    expect(spans.map((span) => span.attributes['langfuse.trace.metadata.tier'])).toEqual(
      spans.map(() => 'gold'),
    );
    expect(harness.diagnostics).toEqual([]);
  });

  it('metadata langfusePrompt put into the AI SDK metadata directly links the model calls only', async () => {
    const base = telemetry();
    const settings = {
      ...base,
      metadata: { ...base.metadata, langfusePrompt: JSON.stringify(langfusePrompt('support', 6)) },
    };
    await generateWithTool(major, settings);
    // The raw JSON is left off every span: backends that read it would link them all.
    expect(linksByName(await harness.settle())).toEqual([
      ['ai.generateText', {}],
      ['ai.generateText.doGenerate', link('support', 6)],
      ['ai.generateText.doGenerate', link('support', 6)],
      ['ai.toolCall', {}],
    ]);
  });

  it('the prompt option wins over metadata langfusePrompt', async () => {
    await generateWithTool(
      major,
      telemetry({
        prompt: { name: 'option', version: 2 },
        metadata: { langfusePrompt: JSON.stringify(langfusePrompt('metadata', 9)) },
      }),
    );
    const spans = await harness.settle();
    const models = spans.filter((span) => span.name === 'ai.generateText.doGenerate');
    expect(models.map(promptKeys)).toEqual([link('option', 2), link('option', 2)]);
  });

  it('a fallback prompt links nothing, not even the scope’s', async () => {
    const scope = { prompt: { name: 'scope-prompt', version: 1 } };
    await propagateAttributes(scope, () =>
      generateWithTool(major, telemetry({ prompt: langfusePrompt('support', 1, true) })),
    );
    await propagateAttributes(scope, () =>
      generateWithTool(
        major,
        telemetry({
          metadata: { langfusePrompt: JSON.stringify(langfusePrompt('support', 1, true)) },
        }),
      ),
    );
    await propagateAttributes(scope, () => generateWithTool(major, telemetry({ prompt: null })));
    const spans = await harness.settle();
    expect(spans).toHaveLength(12);
    expect(linksByName(spans).filter(([, keys]) => Object.keys(keys).length > 0)).toEqual([]);
    expect(harness.diagnostics).toEqual([]);
  });

  it('an invalid per-call prompt is dropped (core reports it); the scope’s applies', async () => {
    await propagateAttributes({ prompt: { name: 'scope-prompt', version: 1 } }, () =>
      generateWithTool(
        major,
        telemetry({ metadata: { langfusePrompt: '{"name":"support","version":"3"}' } }),
      ),
    );
    const spans = await harness.settle();
    const models = spans.filter((span) => span.name === 'ai.generateText.doGenerate');
    expect(models.map(promptKeys)).toEqual([link('scope-prompt', 1), link('scope-prompt', 1)]);
  });

  it('generateObject links its model call; embeddings link nothing', async () => {
    await propagateAttributes({ prompt: { name: 'support', version: 8 } }, async () => {
      await major.ai.generateObject({
        model: major.chatModel([{ text: '{"city":"Paris"}' }]),
        schema: z.object({ city: z.string() }),
        prompt: 'Which city?',
        experimental_telemetry: telemetry(),
      });
      await major.ai.embedMany({
        model: major.embeddingModel(),
        values: ['a', 'b', 'c'],
        experimental_telemetry: telemetry(),
      });
    });
    expect(linksByName(await harness.settle())).toEqual([
      ['ai.embedMany', {}],
      ['ai.embedMany.doEmbed', {}],
      ['ai.embedMany.doEmbed', {}],
      ['ai.generateObject', {}],
      ['ai.generateObject.doGenerate', link('support', 8)],
    ]);
  });
});
