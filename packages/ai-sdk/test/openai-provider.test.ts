import { SpanStatusCode } from '@opentelemetry/api';
import { propagateAttributes } from '@threadline/core';
import { type MockOpenAI, startMockOpenAI } from '@threadline/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { telemetry } from '../src/index';
import { useHarness } from './harness';
import { MAJORS, type Major } from './majors';
import { contextsByName } from './span-context';
import { ANSWER_USAGE, TOOL_STEP_USAGE, toolLoopReply } from './tool-loop-replies';

const APIS = [
  { api: 'chat' as const, path: '/v1/chat/completions' },
  { api: 'responses' as const, path: '/v1/responses' },
];

const SCOPE = { sessionId: 'conv-1', userId: 'user-1', tags: ['support'] };
const CONTEXT = { sessionId: 'conv-1', userId: 'user-1', tags: ['support'] };

describe.each(MAJORS)('$name with its @ai-sdk/openai against the loopback server', (major) => {
  const harness = useHarness();
  let server: MockOpenAI;

  beforeAll(async () => {
    server = await startMockOpenAI({ respond: toolLoopReply });
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.reset();
  });

  const weather = (m: Major) =>
    m.ai.tool({
      description: 'Current weather of a city',
      inputSchema: z.object({ city: z.string() }),
      execute: async ({ city }) => ({ city, temperature: 21 }),
    });

  describe.each(APIS)('$api API', ({ api, path }) => {
    it('streamText tool loop: every span has the context; steps have model and usage', async () => {
      const model = major.openai(server.baseURL)[api]('gpt-4o-mini');
      const text = await propagateAttributes(SCOPE, async () => {
        const result = major.ai.streamText({
          model,
          prompt: 'Weather in Paris?',
          tools: { weather: weather(major) },
          stopWhen: major.ai.stepCountIs(3),
          experimental_telemetry: telemetry(),
        });
        let out = '';
        for await (const delta of result.textStream) out += delta;
        return out;
      });
      expect(text).toBe('Sunny, 21 degrees.');
      expect(server.requests.map((r) => r.path)).toEqual([path, path]);
      const spans = await harness.settle();
      const contexts = contextsByName(spans);
      expect(contexts.map(([name]) => name).sort()).toEqual([
        'ai.streamText',
        'ai.streamText.doStream',
        'ai.streamText.doStream',
        'ai.toolCall',
      ]);
      expect(contexts).toEqual(contexts.map(([name]) => [name, CONTEXT]));
      const steps = spans.filter((span) => span.name === 'ai.streamText.doStream');
      expect(steps.map((span) => span.attributes['gen_ai.request.model'])).toEqual([
        'gpt-4o-mini',
        'gpt-4o-mini',
      ]);
      expect(steps.map((span) => span.attributes['gen_ai.usage.input_tokens'])).toEqual([
        TOOL_STEP_USAGE.input,
        ANSWER_USAGE.input,
      ]);
    });

    it('generateText tool loop: every span has the context', async () => {
      const model = major.openai(server.baseURL)[api]('gpt-4o-mini');
      const result = await propagateAttributes(SCOPE, () =>
        major.ai.generateText({
          model,
          prompt: 'Weather in Paris?',
          tools: { weather: weather(major) },
          stopWhen: major.ai.stepCountIs(3),
          experimental_telemetry: telemetry(),
        }),
      );
      expect(result.text).toBe('Sunny, 21 degrees.');
      const contexts = contextsByName(await harness.settle());
      expect(contexts.map(([name]) => name).sort()).toEqual([
        'ai.generateText',
        'ai.generateText.doGenerate',
        'ai.generateText.doGenerate',
        'ai.toolCall',
      ]);
      expect(contexts).toEqual(contexts.map(([name]) => [name, CONTEXT]));
    });

    it('the connection drops mid-stream: the spans end, failed', async () => {
      server.enqueue({ disconnectAfterChunks: 3, content: 'one two three four five six' });
      const model = major.openai(server.baseURL)[api]('gpt-4o-mini');
      const result = propagateAttributes(SCOPE, () =>
        major.ai.streamText({
          model,
          prompt: 'Count.',
          maxRetries: 0,
          experimental_telemetry: telemetry(),
          onError: () => {},
        }),
      );
      await expect(async () => {
        for await (const _ of result.fullStream) {
        }
      }).rejects.toThrow();
      const spans = await harness.settle();
      expect(spans.map((span) => span.name).sort()).toEqual([
        'ai.streamText',
        'ai.streamText.doStream',
      ]);
      for (const span of spans) {
        expect(span.status.code, span.name).toBe(SpanStatusCode.ERROR);
        expect(span.attributes['session.id'], span.name).toBe('conv-1');
        expect(span.attributes['threadline.end_reason'], span.name).toBe('stream_error');
      }
    });
  });

  it('embed and embedMany through the embeddings API', async () => {
    const model = major.openai(server.baseURL).embedding('text-embedding-3-small');
    await propagateAttributes(SCOPE, async () => {
      await major.ai.embed({ model, value: 'sunny', experimental_telemetry: telemetry() });
      await major.ai.embedMany({
        model,
        values: ['sunny', 'rainy'],
        experimental_telemetry: telemetry(),
      });
    });
    expect(server.requests.map((r) => r.path)).toEqual(['/v1/embeddings', '/v1/embeddings']);
    const contexts = contextsByName(await harness.settle());
    expect(contexts.map(([name]) => name).sort()).toEqual([
      'ai.embed',
      'ai.embed.doEmbed',
      'ai.embedMany',
      'ai.embedMany.doEmbed',
    ]);
    expect(contexts).toEqual(contexts.map(([name]) => [name, CONTEXT]));
  });
});
