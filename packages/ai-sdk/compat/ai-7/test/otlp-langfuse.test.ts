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
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { langfusePrompt } from '../../../test/prompt-links';
import { SpanTracker } from '../../../test/span-tracker';
import { ANSWER_USAGE, TOOL_STEP_USAGE, toolLoopReply } from '../../../test/tool-loop-replies';
import { type LoopbackOpenAI, useOpenAI } from './use-openai';

/**
 * How each conversation names its session: the active scope (docs/contract.md#precedence, level 3), telemetry()
 * options alone (level 1), and telemetry() options over a scope that names another session
 * and user.
 */
const CONVERSATIONS = [
  { sessionId: 'conv-a', userId: 'user-a', via: 'scope' },
  { sessionId: 'conv-b', userId: 'user-b', via: 'telemetry options' },
  { sessionId: 'conv-c', userId: 'user-c', via: 'telemetry options over a scope' },
] as const;

type Conversation = (typeof CONVERSATIONS)[number];

const weather = tool({
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => ({ city, temperature: 21 }),
});

type Settings = ReturnType<typeof telemetry> | undefined;

/**
 * Two turns, each with its own telemetry settings: a streamed tool loop over Chat Completions,
 * then one over the Responses API.
 */
async function twoTurns(
  openai: LoopbackOpenAI,
  settings: { stream: Settings; generate: Settings },
): Promise<void> {
  await streamText({
    model: openai.chat(),
    prompt: 'Weather in Paris?',
    tools: { weather },
    stopWhen: stepCountIs(3),
    telemetry: settings.stream,
  }).consumeStream();
  await generateText({
    model: openai.responses(),
    prompt: 'And tomorrow?',
    tools: { weather },
    stopWhen: stepCountIs(3),
    telemetry: settings.generate,
  });
}

/** The two turns of one conversation, naming its session the conversation's way. */
async function converse(openai: LoopbackOpenAI, c: Conversation): Promise<void> {
  const settings = () =>
    c.via === 'scope' ? undefined : telemetry({ sessionId: c.sessionId, userId: c.userId });
  const turns = () => twoTurns(openai, { stream: settings(), generate: settings() });
  if (c.via === 'scope') {
    await propagateAttributes({ sessionId: c.sessionId, userId: c.userId }, turns);
  } else if (c.via === 'telemetry options over a scope') {
    await propagateAttributes({ sessionId: 'scope-session', userId: 'scope-user' }, turns);
  } else {
    await turns();
  }
}

describe('ai 7: through the OTLP exporter, as Langfuse shows it', () => {
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
  // Each test counts only the spans its own calls export.
  beforeEach(() => receiver.reset());

  it('each conversation is one session with its traces, generations and tool calls', async () => {
    await Promise.all(CONVERSATIONS.map((c) => converse(openai, c)));
    await tracker.settled();
    await capture.provider.forceFlush();
    // Per turn: invoke_agent, two steps with a chat each, one execute_tool.
    const spans = await receiver.waitForSpans(CONVERSATIONS.length * 2 * 6);
    const view = resolveLangfuse(spans);

    expect(view.sessions.map((s) => [s.id, s.userIds, s.traces.length]).sort()).toEqual(
      CONVERSATIONS.map((c) => [c.sessionId, [c.userId], 2]),
    );
    for (const session of view.sessions) {
      const user = `user-${session.id.slice(-1)}`;
      expect(session.traces.map((trace) => trace.name)).toEqual([
        'invoke_agent gpt-4o-mini',
        'invoke_agent gpt-4o-mini',
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
        expect(trace.observations.map((o) => `${o.type} ${o.name}`).sort()).toEqual([
          'agent invoke_agent gpt-4o-mini',
          'generation chat gpt-4o-mini',
          'generation chat gpt-4o-mini',
          'span step 1',
          'span step 2',
          'tool execute_tool weather',
        ]);
        const generations = trace.observations.filter((o) => o.type === 'generation');
        // ai 7 reports cached input tokens too (none here).
        const cached = { cache_read_input_tokens: 0 };
        expect(generations.map((g) => [g.model, g.usage])).toEqual([
          ['gpt-4o-mini', { ...TOOL_STEP_USAGE, total: 16, ...cached }],
          ['gpt-4o-mini', { ...ANSWER_USAGE, total: 38, ...cached }],
        ]);
        const tools = trace.observations.filter((o) => o.type === 'tool');
        expect(tools.map((t) => t.level)).toEqual(['DEFAULT']);
      }
    }
    expect(view.users.map((u) => [u.id, u.traces, u.observations, u.errors]).sort()).toEqual(
      CONVERSATIONS.map((c) => [c.userId, 2, 12, 0]),
    );
  });

  it('the generations link to their prompt; the agent, step and tool observations do not', async () => {
    await propagateAttributes(
      { sessionId: 'conv-1', prompt: { name: 'weather-chat', version: 3 } },
      // The scope's prompt on the streamed turn; the generated turn's own, from its metadata
      // (prompt.toJSON()).
      () =>
        twoTurns(openai, {
          stream: undefined,
          generate: telemetry({
            metadata: { langfusePrompt: JSON.stringify(langfusePrompt('weather-answer', 12)) },
          }),
        }),
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
