import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { registerThreadlineTelemetry, telemetry } from '@threadline/ai-sdk/otel';
import { propagateAttributes } from '@threadline/core';
import {
  createSpanCapture,
  type OtlpReceiver,
  resolveLangfuse,
  type SpanCapture,
  startOtlpReceiver,
} from '@threadline/testing';
import { generateText, stepCountIs, streamText, tool } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SpanTracker } from '../../../test/span-tracker';
import { toolLoopReply } from '../../../test/tool-loop-replies';
import { useOpenAI } from './use-openai';

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

const weather = tool({
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => ({ city, temperature: 21 }),
});

describe('ai 7: prompt links over HTTP and OTLP, as Langfuse shows them', () => {
  let receiver: OtlpReceiver;
  let capture: SpanCapture;
  const tracker = new SpanTracker();
  const openai = useOpenAI({ respond: toolLoopReply });

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    capture = createSpanCapture({
      processors: [
        tracker,
        new BatchSpanProcessor(new OTLPTraceExporter({ url: receiver.tracesUrl })),
      ],
    });
    capture.install();
    registerThreadlineTelemetry();
  });
  afterAll(async () => {
    globalThis.AI_SDK_TELEMETRY_INTEGRATIONS = [];
    await capture.uninstall();
    await receiver.close();
  });

  it('the generations link to their prompt; the agent, step and tool observations do not', async () => {
    await propagateAttributes(
      { sessionId: 'conv-1', prompt: { name: 'weather-chat', version: 3 } },
      async () => {
        // The scope's prompt, streamed over Chat Completions.
        await streamText({
          model: openai.chat(),
          prompt: 'Weather in Paris?',
          tools: { weather },
          stopWhen: stepCountIs(3),
        }).consumeStream();
        // The call's own, from its metadata, over the Responses API.
        await generateText({
          model: openai.responses(),
          prompt: 'And tomorrow?',
          tools: { weather },
          stopWhen: stepCountIs(3),
          telemetry: telemetry({ metadata: { langfusePrompt: PROMPT_JSON } }),
        });
      },
    );
    await tracker.settled();
    await capture.provider.forceFlush();
    // Per call: invoke_agent, two steps with a chat each, one execute_tool.
    const spans = await receiver.waitForSpans(2 * 6);
    const view = resolveLangfuse(spans);

    const links = view.traces.map((trace) =>
      trace.observations.map((o) => [o.type, o.name, o.prompt]).sort(),
    );
    const call = (prompt: { name: string; version: number }) => [
      ['agent', 'invoke_agent gpt-4o-mini', undefined],
      ['generation', 'chat gpt-4o-mini', prompt],
      ['generation', 'chat gpt-4o-mini', prompt],
      ['span', 'step 1', undefined],
      ['span', 'step 2', undefined],
      ['tool', 'execute_tool weather', undefined],
    ];
    expect(links).toEqual([
      call({ name: 'weather-chat', version: 3 }),
      call({ name: 'weather-answer', version: 12 }),
    ]);
    // The version arrived as an integer attribute, as Langfuse's ingestion takes it.
    const chats = spans.filter((span) => span.name.startsWith('chat '));
    expect(chats.map((span) => span.attributes['langfuse.observation.prompt.version'])).toEqual([
      3, 3, 12, 12,
    ]);
    expect(view.sessions.map((session) => session.id)).toEqual(['conv-1']);
  });
});
