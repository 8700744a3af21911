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
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { telemetry } from '../src/index';
import { MAJORS, type Major } from './majors';
import { langfusePrompt } from './prompt-links';
import { SpanTracker } from './span-tracker';
import { ANSWER_USAGE, TOOL_STEP_USAGE, toolLoopReply } from './tool-loop-replies';

/** How each conversation names its session (docs/contract.md#precedence): level 3, level 1 by option, level 1 (#framework-values). */
const CONVERSATIONS = [
  { sessionId: 'conv-a', userId: 'user-a', via: 'scope' },
  { sessionId: 'conv-b', userId: 'user-b', via: 'telemetry options' },
  { sessionId: 'conv-c', userId: 'user-c', via: 'plain AI SDK metadata' },
] as const;

type Conversation = (typeof CONVERSATIONS)[number];

type Settings = Parameters<Major['ai']['streamText']>[0]['experimental_telemetry'];

/**
 * Two turns, each with its own telemetry settings: a streamed tool loop over Chat Completions,
 * then one over the Responses API.
 */
async function twoTurns(
  major: Major,
  server: MockOpenAI,
  settings: { stream: Settings; generate: Settings },
): Promise<void> {
  const openai = major.openai(server.baseURL);
  const tools = {
    weather: major.ai.tool({
      inputSchema: z.object({ city: z.string() }),
      execute: async ({ city }) => ({ city, temperature: 21 }),
    }),
  };
  await major.ai
    .streamText({
      model: openai.chat('gpt-4o-mini'),
      prompt: 'Weather in Paris?',
      tools,
      stopWhen: major.ai.stepCountIs(3),
      experimental_telemetry: settings.stream,
    })
    .consumeStream();
  await major.ai.generateText({
    model: openai.responses('gpt-4o-mini'),
    prompt: 'And tomorrow?',
    tools,
    stopWhen: major.ai.stepCountIs(3),
    experimental_telemetry: settings.generate,
  });
}

/** The two turns of one conversation, naming its session the conversation's way. */
async function converse(major: Major, server: MockOpenAI, c: Conversation): Promise<void> {
  const settings = (): Settings => {
    if (c.via === 'telemetry options')
      return telemetry({ sessionId: c.sessionId, userId: c.userId });
    if (c.via === 'plain AI SDK metadata') {
      return { isEnabled: true, metadata: { sessionId: c.sessionId, userId: c.userId } };
    }
    return telemetry();
  };
  const turns = () => twoTurns(major, server, { stream: settings(), generate: settings() });
  if (c.via === 'scope') {
    await propagateAttributes({ sessionId: c.sessionId, userId: c.userId }, turns);
  } else {
    await turns();
  }
}

describe.each(MAJORS)('$name: through the OTLP exporter, as Langfuse shows it', (major) => {
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
  // Each test counts only the spans its own calls export.
  beforeEach(() => receiver.reset());

  it('each conversation is one session with its traces, generations and tool calls', async () => {
    await Promise.all(CONVERSATIONS.map((c) => converse(major, server, c)));
    await tracker.settled();
    await capture.provider.forceFlush();
    // Per turn: the root, two model steps, one tool call.
    const spans = await receiver.waitForSpans(CONVERSATIONS.length * 2 * 4);
    const view = resolveLangfuse(spans);

    expect(view.sessions.map((s) => [s.id, s.userIds, s.traces.length]).sort()).toEqual(
      CONVERSATIONS.map((c) => [c.sessionId, [c.userId], 2]),
    );
    for (const session of view.sessions) {
      const user = `user-${session.id.slice(-1)}`;
      expect(session.traces.map((trace) => trace.name)).toEqual([
        'ai.streamText',
        'ai.generateText',
      ]);
      for (const trace of session.traces) {
        expect(trace.userId).toBe(user);
        // In per-observation storage every span counts for its session and user only if it
        // carries them itself.
        for (const observation of trace.observations) {
          expect([observation.name, observation.sessionId, observation.userId]).toEqual([
            observation.name,
            session.id,
            user,
          ]);
        }
        const generations = trace.observations.filter((o) => o.type === 'generation');
        expect(generations.map((g) => [g.model, g.usage])).toEqual([
          ['gpt-4o-mini', { ...TOOL_STEP_USAGE, total: 16 }],
          ['gpt-4o-mini', { ...ANSWER_USAGE, total: 38 }],
        ]);
        const tools = trace.observations.filter((o) => o.type === 'tool');
        expect(tools.map((t) => [t.name, t.level])).toEqual([['ai.toolCall', 'DEFAULT']]);
      }
    }
    expect(view.users.map((u) => [u.id, u.traces, u.observations, u.errors]).sort()).toEqual(
      CONVERSATIONS.map((c) => [c.userId, 2, 8, 0]),
    );
  });

  it('the generations link to their prompt; the call and tool observations do not', async () => {
    await propagateAttributes(
      { sessionId: 'conv-1', prompt: { name: 'weather-chat', version: 3 } },
      // The scope's prompt on the streamed turn; the generated turn's own, from its metadata
      // (prompt.toJSON()).
      () =>
        twoTurns(major, server, {
          stream: telemetry(),
          generate: telemetry({
            metadata: { langfusePrompt: JSON.stringify(langfusePrompt('weather-answer', 12)) },
          }),
        }),
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
