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
  resolvePhoenix,
  type SpanCapture,
  startMockOpenAI,
  startOtlpReceiver,
} from '@threadline/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { observeOpenAI } from '../src/index';
import { clientOf, SDKS } from './support/sdks';

/*
 * Acceptance: a 3-turn conversation (a chat call, a streamed chat call, a Responses API call),
 * over real HTTP to an OpenAI-compatible server and over OTLP/HTTP to a receiver, with the
 * openinference dialect on, reads in Phoenix as one session whose model calls are LLM spans
 * with their model and tokens, and whose traces show the user's question and the model's
 * answer; with content capture off, no question, answer or message anywhere.
 */

let mock: MockOpenAI;
let receiver: OtlpReceiver;

beforeAll(async () => {
  mock = await startMockOpenAI();
  receiver = await startOtlpReceiver();
});
afterAll(async () => {
  await receiver.close();
  await mock.close();
});
beforeEach(() => {
  receiver.reset();
  mock.reset();
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

const SYSTEM = 'you track parcels';
const TURNS = [
  { question: 'where is my parcel', answer: 'it left the depot', input: 12, output: 6 },
  { question: 'when will it arrive', answer: 'on Monday', input: 30, output: 9 },
  { question: 'thanks for checking', answer: 'you are welcome', input: 45, output: 4 },
];
const VERSIONS: PhoenixVersion[] = ['13.7', '15.10'];

/** The three turns, each under an application span (the trace's root), in one session. */
async function conversation(SDK: (typeof SDKS)[number][1], captureContent: boolean) {
  const client = observeOpenAI(clientOf(SDK, mock.baseURL), { captureContent });
  const app = trace.getTracer('support-app');
  const history: Array<{ role: 'system' | 'user' | 'assistant'; content: string }> = [
    { role: 'system', content: SYSTEM },
  ];
  for (const [i, turn] of TURNS.entries()) {
    mock.enqueue({ content: turn.answer, usage: { input: turn.input, output: turn.output } });
    history.push({ role: 'user', content: turn.question });
    const answer = await propagateAttributes({ sessionId: 'conv-phx', userId: 'user-p' }, () =>
      app.startActiveSpan(`turn ${i + 1}`, async (span) => {
        try {
          if (i === 0) {
            const completion = await client.chat.completions.create({
              model: 'gpt-4o-mini',
              messages: history,
              temperature: 0.3,
            });
            return completion.choices[0]!.message.content!;
          }
          if (i === 1) {
            const stream = await client.chat.completions.create({
              model: 'gpt-4o-mini',
              messages: history,
              stream: true,
              stream_options: { include_usage: true },
            });
            let text = '';
            for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
            return text;
          }
          const response = await client.responses.create({
            model: 'gpt-4o-mini',
            instructions: SYSTEM,
            input: history.filter((m) => m.role !== 'system'),
          });
          return response.output_text;
        } finally {
          span.end();
        }
      }),
    );
    expect(answer).toBe(turn.answer);
    history.push({ role: 'assistant', content: answer });
  }
  return receiver.waitForSpans(6);
}

function modelCalls(spans: PhoenixSpan[]): PhoenixSpan[] {
  return spans.filter((s) => s.name === 'chat gpt-4o-mini');
}

function expectModelCall(call: PhoenixSpan, turn: (typeof TURNS)[number]): void {
  expect(call.kind).toBe('LLM');
  expect(call.modelName).toBe('gpt-4o-mini');
  expect(call.provider).toBe('openai');
  expect(call.tokens).toMatchObject({
    prompt: turn.input,
    completion: turn.output,
    total: turn.input + turn.output,
  });
}

describe.each(SDKS)('a 3-turn conversation in Phoenix with %s', (_name, SDK) => {
  useProvider(['otel', 'langfuse', 'openinference']);

  it.each(VERSIONS)(
    'Phoenix %s: LLM spans, models, tokens, questions and answers',
    async (version) => {
      const view = resolvePhoenix(await conversation(SDK, true), { version });
      expect(view.sessions).toHaveLength(1);
      const [session] = view.sessions;
      expect(session!.id).toBe('conv-phx');
      expect(session!.traces.map((t) => [t.input?.value, t.output?.value])).toEqual(
        TURNS.map((t) => [t.question, t.answer]),
      );
      expect(session!.firstInput?.value).toBe(TURNS[0]!.question);
      expect(session!.lastOutput?.value).toBe(TURNS[2]!.answer);
      expect(session!.tokens).toEqual({ prompt: 87, completion: 19, total: 106 });

      for (const [i, t] of session!.traces.entries()) {
        const calls = modelCalls(t.spans);
        expect(calls).toHaveLength(1);
        const [call] = calls;
        expectModelCall(call!, TURNS[i]!);
        // The messages: the system prompt first, the question last; the answer.
        expect(call!.inputMessages[0]).toMatchObject({ role: 'system', content: SYSTEM });
        expect(call!.inputMessages.at(-1)).toMatchObject({
          role: 'user',
          content: TURNS[i]!.question,
        });
        expect(call!.inputMessages).toHaveLength(2 * i + 2);
        expect(call!.outputMessages).toHaveLength(1);
        expect(call!.outputMessages[0]).toMatchObject({
          role: 'assistant',
          content: TURNS[i]!.answer,
        });
      }
    },
  );

  it('an embeddings call is an EMBEDDING span with its model, tokens and texts', async () => {
    const client = observeOpenAI(clientOf(SDK, mock.baseURL));
    await propagateAttributes({ sessionId: 'conv-emb' }, () =>
      client.embeddings.create({
        model: 'text-embedding-3-small',
        input: ['first text', 'second'],
      }),
    );
    const [span] = resolvePhoenix(await receiver.waitForSpans(1)).traces[0]!.spans;
    expect(span).toMatchObject({
      kind: 'EMBEDDING',
      modelName: 'text-embedding-3-small',
      provider: 'openai',
      sessionId: 'conv-emb',
      tokens: { prompt: 3 },
    });
    expect(span!.attributes['embedding.embeddings.0.embedding.text']).toBe('first text');
    expect(span!.attributes['embedding.embeddings.1.embedding.text']).toBe('second');
  });

  it.each(VERSIONS)(
    'Phoenix %s with content capture off: no question, answer or message',
    async (version) => {
      const view = resolvePhoenix(await conversation(SDK, false), { version });
      const [session] = view.sessions;
      expect(session!.traces).toHaveLength(3);
      expect(session!.firstInput).toBeUndefined();
      expect(session!.lastOutput).toBeUndefined();
      expect(session!.tokens).toEqual({ prompt: 87, completion: 19, total: 106 });
      for (const [i, t] of session!.traces.entries()) {
        expect(t.input).toBeUndefined();
        expect(t.output).toBeUndefined();
        expectModelCall(modelCalls(t.spans)[0]!, TURNS[i]!);
        for (const span of t.spans) {
          expect(span.input, span.name).toBeUndefined();
          expect(span.inputMessages, span.name).toEqual([]);
          expect(span.outputMessages, span.name).toEqual([]);
          // From 15.10 Phoenix shows a model call's response id and model as its output when it
          // has none: no content.
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

describe.each(SDKS)('the default dialects in Phoenix 15.10 with %s', (_name, SDK) => {
  useProvider(undefined);

  it('Phoenix converts the GenAI keys: LLM spans with their messages', async () => {
    const received = await conversation(SDK, true);
    // Nothing of OpenInference was written: what Phoenix shows below, it converted itself.
    const written = received.flatMap((span) => Object.keys(span.attributes));
    expect(written.filter((k) => /^(openinference|llm|input|output)\./.test(k))).toEqual([]);
    const view = resolvePhoenix(received, { version: '15.10' });
    const [session] = view.sessions;
    expect(session!.id).toBe('conv-phx');
    for (const [i, t] of session!.traces.entries()) {
      const [call] = modelCalls(t.spans);
      expectModelCall(call!, TURNS[i]!);
      expect(call!.inputMessages[0]).toMatchObject({ role: 'system', content: SYSTEM });
      expect(call!.inputMessages.at(-1)).toMatchObject({
        role: 'user',
        content: TURNS[i]!.question,
      });
      expect(call!.outputMessages).toEqual([
        expect.objectContaining({ role: 'assistant', content: TURNS[i]!.answer }),
      ]);
    }
  });
});
