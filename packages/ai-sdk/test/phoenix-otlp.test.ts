import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { type Dialect, propagateAttributes, ThreadlineSpanProcessor } from '@threadline/core';
import {
  createSpanCapture,
  type MockOpenAI,
  type OtlpReceiver,
  type PhoenixSpan,
  type PhoenixVersion,
  type ReceivedSpan,
  resolvePhoenix,
  type SpanCapture,
  startMockOpenAI,
  startOtlpReceiver,
} from '@threadline/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { telemetry } from '../src/index';
import { MAJORS, type Major } from './majors';

/*
 * Acceptance: a 3-turn conversation (a streamed tool loop over Chat Completions, a tool loop
 * over the Responses API, a streamed answer inside the application's request span), over real
 * HTTP to an OpenAI-compatible server and over OTLP/HTTP to a receiver, with the openinference
 * dialect on, reads in Phoenix as one session: every model call an LLM span with its model and
 * tokens, every tool call a TOOL span with the tool's name, no tokens on the call that holds
 * them (so none counted twice), and each trace showing the user's question and the model's
 * answer; with content capture off, no question, answer or message anywhere.
 */

const SESSION = 'conv-phx';
const TURNS = [
  {
    question: 'Weather in Paris?',
    city: 'Paris',
    answer: 'Sunny, 21 degrees.',
    usage: [
      { input: 12, output: 4 },
      { input: 30, output: 8 },
    ],
  },
  {
    question: 'And in Lyon?',
    city: 'Lyon',
    answer: 'Rainy, 14 degrees.',
    usage: [
      { input: 40, output: 5 },
      { input: 55, output: 7 },
    ],
  },
  { question: 'Thanks!', answer: 'You are welcome.', usage: [{ input: 70, output: 4 }] },
] as const;
const SPAN_COUNT = 4 + 4 + 3;
const VERSIONS: PhoenixVersion[] = ['13.7', '15.10'];

let server: MockOpenAI;
let receiver: OtlpReceiver;

beforeAll(async () => {
  [server, receiver] = await Promise.all([startMockOpenAI(), startOtlpReceiver()]);
});
afterAll(async () => {
  await Promise.all([receiver.close(), server.close()]);
});
beforeEach(() => {
  receiver.reset();
  server.reset();
});

/** For the tests of the enclosing describe: Threadline with `dialects`, then OTLP export. */
function useProvider(dialects: Dialect[] | undefined): void {
  let capture: SpanCapture;
  beforeAll(() => {
    capture = createSpanCapture({
      threadline: false,
      processors: [
        new ThreadlineSpanProcessor(dialects ? { dialects } : {}),
        new SimpleSpanProcessor(new OTLPTraceExporter({ url: receiver.tracesUrl })),
      ],
    });
    capture.install();
  });
  afterAll(() => capture.uninstall());
}

type Message = { role: 'user' | 'assistant'; content: string };

/** The three turns, in one session; the last one inside an application span (its trace root). */
async function conversation(major: Major, capture: boolean): Promise<ReceivedSpan[]> {
  const openai = major.openai(server.baseURL);
  const settings = () =>
    capture ? telemetry() : telemetry({ recordInputs: false, recordOutputs: false });
  const tools = {
    weather: major.ai.tool({
      description: 'Current weather of a city',
      inputSchema: z.object({ city: z.string() }),
      execute: async ({ city }) => ({ city, temperature: 21 }),
    }),
  };
  const history: Message[] = [];
  for (const [i, turn] of TURNS.entries()) {
    const [first, second] = turn.usage;
    if ('city' in turn) {
      server.enqueue(
        { toolCalls: [{ name: 'weather', arguments: { city: turn.city } }], usage: first },
        { content: turn.answer, usage: second },
      );
    } else {
      server.enqueue({ content: turn.answer, usage: first });
    }
    history.push({ role: 'user', content: turn.question });
    const messages = [...history];
    const answer = await propagateAttributes({ sessionId: SESSION, userId: 'user-p' }, () => {
      if (i === 0) {
        const result = major.ai.streamText({
          model: openai.chat('gpt-4o-mini'),
          system: 'You answer weather questions.',
          messages,
          tools,
          stopWhen: major.ai.stepCountIs(3),
          experimental_telemetry: settings(),
        });
        return result.text;
      }
      if (i === 1) {
        return major.ai
          .generateText({
            model: openai.responses('gpt-4o-mini'),
            messages,
            tools,
            stopWhen: major.ai.stepCountIs(3),
            experimental_telemetry: settings(),
          })
          .then((result) => result.text);
      }
      return trace.getTracer('support-app').startActiveSpan('POST /chat', async (span) => {
        try {
          const result = major.ai.streamText({
            model: openai.chat('gpt-4o-mini'),
            messages,
            experimental_telemetry: settings(),
          });
          return await result.text;
        } finally {
          span.end();
        }
      });
    });
    expect(answer).toBe(turn.answer);
    history.push({ role: 'assistant', content: answer });
  }
  return receiver.waitForSpans(SPAN_COUNT);
}

function isModelCall(span: PhoenixSpan): boolean {
  return /\.do(Generate|Stream)$/.test(span.name);
}

/** Every model call LLM with model and tokens, every tool call TOOL, no tokens elsewhere. */
function expectKindsModelsAndTokens(spans: PhoenixSpan[], turn: (typeof TURNS)[number]): void {
  const calls = spans.filter(isModelCall).sort((a, b) => a.startTime - b.startTime);
  expect(calls).toHaveLength(turn.usage.length);
  calls.forEach((call, i) => {
    const usage = turn.usage[i]!;
    expect(call.kind, call.name).toBe('LLM');
    expect(call.modelName, call.name).toBe('gpt-4o-mini');
    expect(call.tokens, call.name).toMatchObject({
      prompt: usage.input,
      completion: usage.output,
      total: usage.input + usage.output,
    });
  });
  const tools = spans.filter((span) => span.name === 'ai.toolCall');
  expect(tools.map((tool) => [tool.kind, tool.toolName])).toEqual(
    'city' in turn ? [['TOOL', 'weather']] : [],
  );
  for (const span of spans.filter((s) => !isModelCall(s))) {
    expect(span.tokens, span.name).toEqual({});
  }
}

const USAGES: ReadonlyArray<{ input: number; output: number }> = TURNS.flatMap(
  (t): ReadonlyArray<{ input: number; output: number }> => t.usage,
);
const TOTAL = USAGES.reduce(
  (sum, u) => ({ prompt: sum.prompt + u.input, completion: sum.completion + u.output }),
  { prompt: 0, completion: 0 },
);

describe.each(MAJORS)('$name: a 3-turn conversation in Phoenix', (major) => {
  useProvider(['otel', 'langfuse', 'openinference']);

  it.each(VERSIONS)(
    'Phoenix %s: LLM and TOOL spans, models, tokens once, questions and answers',
    async (version) => {
      const view = resolvePhoenix(await conversation(major, true), { version });
      expect(view.sessions.map((s) => s.id)).toEqual([SESSION]);
      const [session] = view.sessions;
      expect(session!.traces.map((t) => [t.input?.value, t.output?.value])).toEqual(
        TURNS.map((t) => [t.question, t.answer]),
      );
      expect(session!.firstInput?.value).toBe(TURNS[0].question);
      expect(session!.lastOutput?.value).toBe(TURNS[2].answer);
      expect(session!.tokens).toEqual({ ...TOTAL, total: TOTAL.prompt + TOTAL.completion });
      for (const [i, t] of session!.traces.entries()) {
        expectKindsModelsAndTokens(t.spans, TURNS[i]!);
        // The last model call of each turn: the question last among its messages, the answer.
        const last = t.spans.filter(isModelCall).sort((a, b) => b.startTime - a.startTime)[0]!;
        expect(last.inputMessages.filter((m) => m.role === 'user').at(-1)).toMatchObject({
          content: TURNS[i]!.question,
        });
        expect(last.outputMessages).toEqual([
          expect.objectContaining({ role: 'assistant', content: TURNS[i]!.answer }),
        ]);
      }
      const [firstCall] = session!.traces[0]!.spans.filter(isModelCall);
      expect(firstCall!.inputMessages[0]).toMatchObject({
        role: 'system',
        content: 'You answer weather questions.',
      });
    },
  );

  it.each(VERSIONS)(
    'Phoenix %s with content capture off: no question, answer or message',
    async (version) => {
      const view = resolvePhoenix(await conversation(major, false), { version });
      const [session] = view.sessions;
      expect(session!.traces).toHaveLength(3);
      expect(session!.firstInput).toBeUndefined();
      expect(session!.lastOutput).toBeUndefined();
      expect(session!.tokens).toEqual({ ...TOTAL, total: TOTAL.prompt + TOTAL.completion });
      for (const [i, t] of session!.traces.entries()) {
        expect(t.input).toBeUndefined();
        expect(t.output).toBeUndefined();
        expectKindsModelsAndTokens(t.spans, TURNS[i]!);
        for (const span of t.spans) {
          expect(span.input, span.name).toBeUndefined();
          expect(span.inputMessages, span.name).toEqual([]);
          expect(span.outputMessages, span.name).toEqual([]);
          // From 15.10 Phoenix shows a model call's response id and model as its output when
          // it has none: no content.
          if (span.output) {
            const shown = Object.keys(JSON.parse(span.output.value));
            expect(
              shown.filter((key) => key !== 'id' && key !== 'model'),
              span.name,
            ).toEqual([]);
          }
        }
      }
    },
  );
});

describe.each(MAJORS)('$name: the default dialects in Phoenix 15.10', (major) => {
  useProvider(undefined);

  it('Phoenix converts the GenAI messages Threadline wrote on the model calls', async () => {
    const received = await conversation(major, true);
    const written = received.flatMap((span) => Object.keys(span.attributes));
    expect(written.filter((k) => /^(openinference|llm|input|output)\./.test(k))).toEqual([]);
    const [session] = resolvePhoenix(received, { version: '15.10' }).sessions;
    expect(session!.id).toBe(SESSION);
    for (const [i, t] of session!.traces.entries()) {
      const last = t.spans.filter(isModelCall).sort((a, b) => b.startTime - a.startTime)[0]!;
      expect(last.inputMessages.filter((m) => m.role === 'user').at(-1)).toMatchObject({
        content: TURNS[i]!.question,
      });
      expect(last.outputMessages).toEqual([
        expect.objectContaining({ role: 'assistant', content: TURNS[i]!.answer }),
      ]);
    }
  });
});
