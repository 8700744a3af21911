import { context } from '@opentelemetry/api';
import { type PhoenixVersion, resolvePhoenix } from '@threadline/read-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aiSdk6GenerateText,
  aiSdk7Agent,
  emit,
  httpRequest,
  langChainAgent,
  openAIChat,
} from '../../test/genai-spans';
import { createHarness, installGlobals } from '../../test/harness';
import { propagateAttributes } from '../scope/propagate-attributes';

/** One session of four turns: the OpenAI adapter, LangChain, the AI SDK 6 behind HTTP, ai 7. */
function session(capture: boolean) {
  const harness = createHarness({ dialects: ['otel', 'langfuse', 'openinference'] });
  const tracer = harness.tracer();
  propagateAttributes({ sessionId: 'conv-1', userId: 'u-1' }, () => {
    emit(tracer, openAIChat(capture), context.active());
    emit(tracer, langChainAgent(capture), context.active());
    emit(tracer, httpRequest([aiSdk6GenerateText(capture)]), context.active());
    emit(tracer, aiSdk7Agent(capture), context.active());
  });
  return harness.spans();
}

const TURNS = [
  ['What is the capital of France?', 'Paris.'],
  ['What is the weather in Paris?', 'Sunny, 21 °C.'],
  ['Weather in Oslo?', 'Cold: -3 °C.'],
  ['Weather in Rome?', 'Warm, 25 °C.'],
];
// Model calls only: 20+8; 30+12 and 50+9; 30+10 and 40+6; 25+8 and 30+6.
const TOKENS = { prompt: 225, completion: 59, total: 284 };
const VERSIONS: PhoenixVersion[] = ['13.7', '15.10', '16.1'];

describe('what Phoenix shows for a session under the openinference dialect (resolvePhoenix)', () => {
  let uninstall: () => void;
  beforeAll(() => {
    uninstall = installGlobals();
  });
  afterAll(() => uninstall());

  it.each(VERSIONS)(
    'Phoenix %s: kinds, models, tokens, tools, and each turn’s question and answer',
    (version) => {
      const view = resolvePhoenix(session(true), { version });
      expect(view.sessions).toHaveLength(1);
      const [conv] = view.sessions;
      expect(conv!.id).toBe('conv-1');
      expect(conv!.traces.map((t) => [t.input?.value, t.output?.value])).toEqual(TURNS);
      expect(conv!.traces.every((t) => t.input?.mimeType === 'text/plain')).toBe(true);
      expect(conv!.firstInput?.value).toBe('What is the capital of France?');
      expect(conv!.lastOutput?.value).toBe('Warm, 25 °C.');
      // No token counted twice, whichever way this version adds them up.
      expect(conv!.tokens).toEqual(TOKENS);

      const spans = view.traces.flatMap((t) => t.spans);
      const modelCalls = spans.filter((s) =>
        /^(chat |ChatOpenAI$|ai\.generateText\.doGenerate$)/.test(s.name),
      );
      expect(modelCalls).toHaveLength(7);
      for (const call of modelCalls) {
        expect(call.kind, call.name).toBe('LLM');
        expect(call.modelName, call.name).toMatch(/^gpt-4o-mini/);
        expect(call.provider, call.name).toBe('openai');
        expect(call.tokens.prompt, call.name).toBeGreaterThan(0);
        expect(call.inputMessages.length, call.name).toBeGreaterThan(0);
        expect(call.outputMessages.length, call.name).toBeGreaterThan(0);
      }
      const tools = spans.filter((s) => s.kind === 'TOOL');
      expect(tools.map((t) => t.toolName)).toEqual(['weather', 'weather', 'weather']);
      expect(spans.filter((s) => s.kind === 'UNKNOWN').map((s) => s.name)).toEqual(['POST /chat']);
      const counted = (s: (typeof spans)[number]) =>
        (s.tokens.prompt ?? 0) + (s.tokens.completion ?? 0);
      expect(spans.filter((s) => s.kind !== 'LLM' && counted(s) > 0).map((s) => s.name)).toEqual(
        [],
      );
    },
  );

  it.each(VERSIONS)(
    'Phoenix %s with content capture off: no question, answer or message',
    (version) => {
      const view = resolvePhoenix(session(false), { version });
      const [conv] = view.sessions;
      expect(conv!.traces).toHaveLength(4);
      expect(conv!.firstInput).toBeUndefined();
      expect(conv!.tokens).toEqual(TOKENS);
      for (const span of view.traces.flatMap((t) => t.spans)) {
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
    },
  );
});
