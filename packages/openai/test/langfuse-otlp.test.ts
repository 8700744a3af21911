import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
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
import { observeOpenAI } from '../src/index';
import { clientOf, SDKS } from './support/sdks';

/*
 * Acceptance: a 3-turn conversation, over real HTTP to an OpenAI-compatible server and
 * over real OTLP/HTTP (protobuf) to a receiver, is one Langfuse session with the right user,
 * model and token usage, whether the session comes from a scope or from per-call options.
 */

let mock: MockOpenAI;
let receiver: OtlpReceiver;
let capture: SpanCapture;

beforeAll(async () => {
  mock = await startMockOpenAI();
  receiver = await startOtlpReceiver();
  capture = createSpanCapture({
    processors: [new SimpleSpanProcessor(new OTLPTraceExporter({ url: receiver.tracesUrl }))],
  });
  capture.install();
});
afterAll(async () => {
  await capture.uninstall();
  await receiver.close();
  await mock.close();
});
beforeEach(() => {
  receiver.reset();
  mock.reset();
});

const TURNS = [
  { question: 'where is my parcel', usage: { input: 12, output: 6 } },
  { question: 'it was due monday', usage: { input: 30, output: 9 } },
  { question: 'thanks for checking', usage: { input: 45, output: 4 } },
];

describe.each(SDKS)('a 3-turn conversation in Langfuse with %s', (_name, SDK) => {
  it('with the session from a propagateAttributes scope (plain calls)', async () => {
    const client = observeOpenAI(clientOf(SDK, mock.baseURL));
    const app = trace.getTracer('support-app');
    const history: Array<{ role: 'user' | 'assistant'; content: string }> = [];
    for (const [i, turn] of TURNS.entries()) {
      mock.enqueue({
        content: `answer ${i + 1}`,
        usage: turn.usage,
        model: 'gpt-4o-mini-2024-07-18',
      });
      await propagateAttributes(
        { sessionId: 'conv-scope', userId: 'user-a', tags: ['support'] },
        () =>
          app.startActiveSpan(`turn ${i + 1}`, async (span) => {
            history.push({ role: 'user', content: turn.question });
            const completion = await client.chat.completions.create({
              model: 'gpt-4o-mini',
              messages: history,
            });
            history.push({ role: 'assistant', content: completion.choices[0]!.message.content! });
            span.end();
          }),
      );
    }
    const received = await receiver.waitForSpans(6);
    const view = resolveLangfuse(received);
    expectConversation(view, 'conv-scope', 'user-a', 'gpt-4o-mini-2024-07-18');
    expect(view.traces.map((t) => t.tags)).toEqual([['support'], ['support'], ['support']]);
    // The GenAI content attributes cross OTLP as JSON strings in the conventions' structure:
    // each call's history up to its question, and its answer.
    const calls = received.filter((s) => s.name === 'chat gpt-4o-mini');
    expect(calls).toHaveLength(3);
    for (const [i, call] of calls.entries()) {
      const asked = history.slice(0, 2 * i + 1).map(({ role, content }) => ({
        role,
        parts: [{ type: 'text', content }],
      }));
      expect(JSON.parse(call.attributes['gen_ai.input.messages'] as string)).toEqual(asked);
      expect(JSON.parse(call.attributes['gen_ai.output.messages'] as string)).toEqual([
        {
          role: 'assistant',
          parts: [{ type: 'text', content: `answer ${i + 1}` }],
          finish_reason: 'stop',
        },
      ]);
    }
  });

  it('with the session from per-call options (streamed calls, no scope)', async () => {
    const client = clientOf(SDK, mock.baseURL);
    const app = trace.getTracer('support-app');
    for (const [i, turn] of TURNS.entries()) {
      mock.enqueue({ content: `answer ${i + 1}`, usage: turn.usage });
      await app.startActiveSpan(`turn ${i + 1}`, async (span) => {
        const stream = await observeOpenAI(client, {
          sessionId: 'conv-call',
          userId: 'user-b',
        }).chat.completions.create({
          model: 'gpt-4o-mini',
          messages: [{ role: 'user', content: turn.question }],
          stream: true,
          stream_options: { include_usage: true },
        });
        for await (const _ of stream);
        span.end();
      });
    }
    const view = resolveLangfuse(await receiver.waitForSpans(6));
    expectConversation(view, 'conv-call', 'user-b', 'gpt-4o-mini');
    for (const t of view.traces) {
      expect(t.observations[1]!.completionStartTime).toBeGreaterThanOrEqual(
        t.observations[1]!.startTime,
      );
    }
  });

  it('generations link the managed prompt, its version an integer across OTLP; embeddings do not', async () => {
    const bare = clientOf(SDK, mock.baseURL);
    const app = trace.getTracer('support-app');
    await propagateAttributes(
      { sessionId: 'conv-prompt', prompt: { name: 'support', version: 3 } },
      () =>
        app.startActiveSpan('turn', async (span) => {
          mock.enqueue({ content: 'from the scope' });
          await observeOpenAI(bare).chat.completions.create({
            model: 'gpt-4o-mini',
            messages: [{ role: 'user', content: 'where is my parcel' }],
          });
          mock.enqueue({ content: 'per call' });
          await observeOpenAI(bare, { prompt: { name: 'triage', version: 12 } }).responses.create({
            model: 'o4-mini',
            input: 'summarise the ticket',
          });
          await observeOpenAI(bare).embeddings.create({
            model: 'text-embedding-3-small',
            input: 'x',
          });
          span.end();
        }),
    );
    const received = await receiver.waitForSpans(4);
    // The receiver decodes the protobuf as sent: an intValue arrives as a number, a string as one.
    const versions = received
      .filter((s) => s.attributes['langfuse.observation.prompt.version'] !== undefined)
      .map((s) => s.attributes['langfuse.observation.prompt.version']);
    expect(versions).toEqual([3, 12]);
    const [trace_] = resolveLangfuse(received).traces;
    expect(trace_!.name).toBe('turn');
    expect(trace_!.observations.map((o) => [o.type, o.prompt])).toEqual([
      ['span', undefined],
      ['generation', { name: 'support', version: 3 }],
      ['generation', { name: 'triage', version: 12 }],
      ['embedding', undefined],
    ]);
  });
});

function expectConversation(
  view: ReturnType<typeof resolveLangfuse>,
  sessionId: string,
  userId: string,
  model: string,
): void {
  expect(view.sessions).toHaveLength(1);
  const [session] = view.sessions;
  expect(session!.id).toBe(sessionId);
  expect(session!.userIds).toEqual([userId]);
  expect(session!.traces.map((t) => t.name)).toEqual(['turn 1', 'turn 2', 'turn 3']);
  for (const [i, t] of session!.traces.entries()) {
    expect(t.userId).toBe(userId);
    const generations = t.observations.filter((o) => o.type === 'generation');
    expect(generations).toHaveLength(1);
    const [generation] = generations;
    expect(generation!.name).toBe('chat gpt-4o-mini');
    expect(generation!.model).toBe(model);
    expect(generation!.sessionId).toBe(sessionId);
    expect(generation!.userId).toBe(userId);
    const { input, output } = TURNS[i]!.usage;
    expect(generation!.usage).toEqual({ input, output, total: input + output });
    expect(generation!.level).toBe('DEFAULT');
  }
  const user = view.users.find((u) => u.id === userId);
  expect(user).toMatchObject({
    traces: 3,
    inputTokens: 87,
    outputTokens: 19,
    totalTokens: 106,
    errors: 0,
  });
}
