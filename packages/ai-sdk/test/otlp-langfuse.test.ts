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
import { MAJORS, type Major } from './majors';
import { SpanTracker } from './span-tracker';
import { ANSWER_USAGE, TOOL_STEP_USAGE, toolLoopReply } from './tool-loop-replies';

/** How each conversation names its session (docs/contract.md#precedence): level 3, level 1 by option, level 1 (#framework-values). */
const CONVERSATIONS = [
  { sessionId: 'conv-a', userId: 'user-a', via: 'scope' },
  { sessionId: 'conv-b', userId: 'user-b', via: 'telemetry options' },
  { sessionId: 'conv-c', userId: 'user-c', via: 'plain AI SDK metadata' },
] as const;

type Conversation = (typeof CONVERSATIONS)[number];

/** Two turns: a streamed tool loop over Chat Completions, then one over the Responses API. */
async function converse(major: Major, server: MockOpenAI, c: Conversation): Promise<void> {
  const openai = major.openai(server.baseURL);
  const settings = (): Parameters<Major['ai']['streamText']>[0]['experimental_telemetry'] => {
    if (c.via === 'telemetry options')
      return telemetry({ sessionId: c.sessionId, userId: c.userId });
    if (c.via === 'plain AI SDK metadata') {
      return { isEnabled: true, metadata: { sessionId: c.sessionId, userId: c.userId } };
    }
    return telemetry();
  };
  const tools = {
    weather: major.ai.tool({
      inputSchema: z.object({ city: z.string() }),
      execute: async ({ city }) => ({ city, temperature: 21 }),
    }),
  };
  const turns = async () => {
    await major.ai
      .streamText({
        model: openai.chat('gpt-4o-mini'),
        prompt: 'Weather in Paris?',
        tools,
        stopWhen: major.ai.stepCountIs(3),
        experimental_telemetry: settings(),
      })
      .consumeStream();
    await major.ai.generateText({
      model: openai.responses('gpt-4o-mini'),
      prompt: 'And tomorrow?',
      tools,
      stopWhen: major.ai.stepCountIs(3),
      experimental_telemetry: settings(),
    });
  };
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
});
