import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { registerThreadlineTelemetry, telemetry } from '@threadline/ai-sdk/otel';
import { type Dialect, propagateAttributes, ThreadlineSpanProcessor } from '@threadline/core';
import {
  createSpanCapture,
  type OtlpReceiver,
  type PhoenixSpan,
  type PhoenixVersion,
  type ReceivedSpan,
  resolvePhoenix,
  type SpanCapture,
  startOtlpReceiver,
} from '@threadline/testing';
import { generateText, stepCountIs, streamText, tool } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useOpenAI } from './use-openai';

/*
 * Acceptance on ai 7: a 3-turn conversation (a streamed tool loop over Chat Completions, a tool
 * loop over the Responses API, a streamed answer inside the application's request span), over
 * real HTTP both ways, with the openinference dialect on, reads in Phoenix as one session:
 * every `chat` span an LLM span with its model and tokens, every `execute_tool` span a TOOL
 * span with the tool's name, tokens counted once (`invoke_agent` holds the call's total as
 * GenAI usage, and gets zero counts of its own), and each trace showing the user's question and
 * the model's answer; with content capture off, no question, answer or message anywhere.
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
/** Per tool loop: invoke_agent, two steps with a chat each, one execute_tool; then 1 + 3. */
const SPAN_COUNT = 6 + 6 + 4;
const VERSIONS: PhoenixVersion[] = ['13.7', '15.10'];
const MODEL_CALL = 'chat gpt-4o-mini';

const weather = tool({
  description: 'Current weather of a city',
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => ({ city, temperature: 21 }),
});

const openai = useOpenAI();
let receiver: OtlpReceiver;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  registerThreadlineTelemetry();
});
afterAll(async () => {
  globalThis.AI_SDK_TELEMETRY_INTEGRATIONS = [];
  await receiver.close();
});
beforeEach(() => receiver.reset());

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
async function conversation(capture: boolean): Promise<ReceivedSpan[]> {
  const settings = () =>
    capture ? undefined : telemetry({ recordInputs: false, recordOutputs: false });
  const history: Message[] = [];
  for (const [i, turn] of TURNS.entries()) {
    const [first, second] = turn.usage;
    if ('city' in turn) {
      openai.server.enqueue(
        { toolCalls: [{ name: 'weather', arguments: { city: turn.city } }], usage: first },
        { content: turn.answer, usage: second },
      );
    } else {
      openai.server.enqueue({ content: turn.answer, usage: first });
    }
    history.push({ role: 'user', content: turn.question });
    const messages = [...history];
    const answer = await propagateAttributes({ sessionId: SESSION, userId: 'user-p' }, () => {
      if (i === 0) {
        return streamText({
          model: openai.chat(),
          system: 'You answer weather questions.',
          messages,
          tools: { weather },
          stopWhen: stepCountIs(3),
          telemetry: settings(),
        }).text;
      }
      if (i === 1) {
        return generateText({
          model: openai.responses(),
          messages,
          tools: { weather },
          stopWhen: stepCountIs(3),
          telemetry: settings(),
        }).then((result) => result.text);
      }
      return trace.getTracer('support-app').startActiveSpan('POST /chat', async (span) => {
        try {
          return await streamText({ model: openai.chat(), messages, telemetry: settings() }).text;
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

function byStart(spans: PhoenixSpan[]): PhoenixSpan[] {
  return [...spans].sort((a, b) => a.startTime - b.startTime);
}

/** Every model call LLM with model and tokens, every tool call TOOL, no tokens elsewhere. */
function expectKindsModelsAndTokens(spans: PhoenixSpan[], turn: (typeof TURNS)[number]): void {
  const calls = byStart(spans.filter((span) => span.name === MODEL_CALL));
  expect(calls).toHaveLength(turn.usage.length);
  calls.forEach((call, i) => {
    const usage = turn.usage[i]!;
    expect(call.kind).toBe('LLM');
    expect(call.modelName).toBe('gpt-4o-mini');
    expect(call.tokens).toMatchObject({
      prompt: usage.input,
      completion: usage.output,
      total: usage.input + usage.output,
    });
  });
  const tools = spans.filter((span) => span.name.startsWith('execute_tool'));
  expect(tools.map((t) => [t.kind, t.toolName])).toEqual(
    'city' in turn ? [['TOOL', 'weather']] : [],
  );
  for (const span of spans.filter((s) => s.name !== MODEL_CALL)) {
    expect(span.tokens.prompt ?? 0, span.name).toBe(0);
    expect(span.tokens.completion ?? 0, span.name).toBe(0);
  }
}

const USAGES: ReadonlyArray<{ input: number; output: number }> = TURNS.flatMap(
  (t): ReadonlyArray<{ input: number; output: number }> => t.usage,
);
const TOTAL = USAGES.reduce(
  (sum, u) => ({ prompt: sum.prompt + u.input, completion: sum.completion + u.output }),
  { prompt: 0, completion: 0 },
);

describe('ai 7: a 3-turn conversation in Phoenix', () => {
  useProvider(['otel', 'langfuse', 'openinference']);

  it.each(VERSIONS)(
    'Phoenix %s: LLM and TOOL spans, models, tokens once, questions and answers',
    async (version) => {
      const view = resolvePhoenix(await conversation(true), { version });
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
        const last = byStart(t.spans.filter((span) => span.name === MODEL_CALL)).at(-1)!;
        expect(last.inputMessages.filter((m) => m.role === 'user').at(-1)).toMatchObject({
          content: TURNS[i]!.question,
        });
        expect(last.outputMessages).toEqual([
          expect.objectContaining({ role: 'assistant', content: TURNS[i]!.answer }),
        ]);
      }
    },
  );

  it.each(VERSIONS)(
    'Phoenix %s with content capture off: no question, answer or message',
    async (version) => {
      const view = resolvePhoenix(await conversation(false), { version });
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
