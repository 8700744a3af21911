import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { propagateAttributes } from '@threadline/core';
import {
  createSpanCapture,
  type MockOpenAI,
  type OtlpReceiver,
  resolveLangfuse,
  type SpanCapture,
  startMockOpenAI,
  startOtlpReceiver,
} from '@threadline/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { telemetry } from '../src/index';
import { MAJORS } from './majors';
import { SpanTracker } from './span-tracker';
import { toolLoopReply } from './tool-loop-replies';

/** Langfuse's `prompt.toJSON()` of a prompt: what its AI SDK guide puts into the metadata. */
const PROMPT_JSON = JSON.stringify({
  name: 'weather-answer',
  version: 12,
  isFallback: false,
  type: 'text',
  prompt: 'Answer questions about the weather of {{city}}.',
  config: {},
  labels: ['production'],
  tags: [],
});

describe.each(MAJORS)('$name: prompt links over HTTP and OTLP, as Langfuse shows them', (major) => {
  let receiver: OtlpReceiver;
  let server: MockOpenAI;
  let capture: SpanCapture;
  const tracker = new SpanTracker();

  beforeAll(async () => {
    [receiver, server] = await Promise.all([
      startOtlpReceiver(),
      startMockOpenAI({ respond: toolLoopReply }),
    ]);
    capture = createSpanCapture({
      processors: [
        tracker,
        new BatchSpanProcessor(new OTLPTraceExporter({ url: receiver.tracesUrl })),
      ],
    });
    capture.install();
  });
  afterAll(async () => {
    await capture.uninstall();
    await Promise.all([receiver.close(), server.close()]);
  });

  it('the generations link to their prompt; the call and tool observations do not', async () => {
    const openai = major.openai(server.baseURL);
    const tools = {
      weather: major.ai.tool({
        inputSchema: z.object({ city: z.string() }),
        execute: async ({ city }) => ({ city, temperature: 21 }),
      }),
    };
    await propagateAttributes(
      { sessionId: 'conv-1', prompt: { name: 'weather-chat', version: 3 } },
      async () => {
        // The scope's prompt, streamed over Chat Completions.
        await major.ai
          .streamText({
            model: openai.chat('gpt-4o-mini'),
            prompt: 'Weather in Paris?',
            tools,
            stopWhen: major.ai.stepCountIs(3),
            experimental_telemetry: telemetry(),
          })
          .consumeStream();
        // The call's own, from its metadata, over the Responses API.
        await major.ai.generateText({
          model: openai.responses('gpt-4o-mini'),
          prompt: 'And tomorrow?',
          tools,
          stopWhen: major.ai.stepCountIs(3),
          experimental_telemetry: telemetry({ metadata: { langfusePrompt: PROMPT_JSON } }),
        });
      },
    );
    await tracker.settled();
    await capture.provider.forceFlush();
    // Per call: the root, two model steps, one tool call.
    const spans = await receiver.waitForSpans(2 * 4);
    const view = resolveLangfuse(spans);

    expect(view.traces.map((trace) => trace.name)).toEqual(['ai.streamText', 'ai.generateText']);
    const links = view.traces.map((trace) =>
      trace.observations.map((o) => [o.type, o.name, o.prompt]).sort(),
    );
    expect(links).toEqual([
      [
        ['generation', 'ai.streamText.doStream', { name: 'weather-chat', version: 3 }],
        ['generation', 'ai.streamText.doStream', { name: 'weather-chat', version: 3 }],
        ['span', 'ai.streamText', undefined],
        ['tool', 'ai.toolCall', undefined],
      ],
      [
        ['generation', 'ai.generateText.doGenerate', { name: 'weather-answer', version: 12 }],
        ['generation', 'ai.generateText.doGenerate', { name: 'weather-answer', version: 12 }],
        ['span', 'ai.generateText', undefined],
        ['tool', 'ai.toolCall', undefined],
      ],
    ]);
    // The version arrived as an integer attribute, as Langfuse's ingestion takes it.
    const received = spans.filter((span) => span.name.endsWith('.doGenerate'));
    expect(received.map((span) => span.attributes['langfuse.observation.prompt.version'])).toEqual([
      12, 12,
    ]);
    expect(view.sessions.map((session) => session.id)).toEqual(['conv-1']);
  });
});
