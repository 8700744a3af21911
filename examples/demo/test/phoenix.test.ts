import { type ReceivedSpan, resolvePhoenix } from '@threadline/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runDemo } from '../src/run-demo';

const DIALECTS = ['otel', 'langfuse', 'openinference'] as const;

async function demoSpans() {
  const out = { isTTY: false, write: () => true };
  return runDemo({ env: {}, out, dialects: DIALECTS });
}

const isModelCall = (span: ReceivedSpan) =>
  span.attributes['gen_ai.operation.name'] === 'chat' || /\.do(Generate|Stream)$/.test(span.name);
const isToolCall = (span: ReceivedSpan) =>
  span.attributes['gen_ai.operation.name'] === 'execute_tool' || span.name === 'ai.toolCall';

/*
 * One support session through the OpenAI SDK, the AI SDK, LangChain and a second service, with
 * the openinference dialect on, read as Phoenix reads it.
 */
describe('the demo session in Phoenix (openinference dialect)', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('shows model calls as LLM spans with model and tokens, tools as TOOL spans, and each turn’s question and answer', async () => {
    const result = await demoSpans();
    expect(result.ok).toBe(true);
    const view = resolvePhoenix(result.spans, { version: '13.7' });
    const byId = new Map(view.traces.flatMap((t) => t.spans).map((s) => [s.id, s]));

    const modelCalls = result.spans.filter(isModelCall);
    expect(modelCalls.length).toBeGreaterThanOrEqual(4);
    for (const call of modelCalls) {
      const span = byId.get(call.spanId)!;
      expect({ name: span.name, kind: span.kind }).toEqual({ name: call.name, kind: 'LLM' });
      expect(span.modelName, span.name).toBeTruthy();
      expect(span.tokens.prompt, span.name).toBeGreaterThan(0);
      expect(span.tokens.completion, span.name).toBeGreaterThan(0);
    }
    const toolCalls = result.spans.filter(isToolCall);
    expect(toolCalls.length).toBeGreaterThanOrEqual(2);
    for (const call of toolCalls) {
      const span = byId.get(call.spanId)!;
      expect({ name: span.name, kind: span.kind }).toEqual({ name: call.name, kind: 'TOOL' });
      expect(span.toolName, span.name).toBeTruthy();
    }

    const [session] = view.sessions;
    expect(view.sessions).toHaveLength(1);
    expect(session?.id).toBe(result.sessionId);
    expect(session?.traces).toHaveLength(result.turns.length);
    session?.traces.forEach((trace, i) => {
      const turn = result.turns[i]!;
      expect(trace.input?.value, `turn ${i + 1} input`).toContain(turn.question);
      expect(trace.output?.value, `turn ${i + 1} output`).toContain(turn.answer);
    });
    expect(session?.firstInput?.value).toContain(result.turns[0]!.question);
    expect(session?.lastOutput?.value).toContain(result.turns.at(-1)!.answer);
  });

  it('shows no question, answer or message anywhere with content capture off', async () => {
    vi.stubEnv('THREADLINE_CAPTURE_CONTENT', 'false');
    const result = await demoSpans();
    const view = resolvePhoenix(result.spans, { version: '13.7' });
    for (const trace of view.traces) {
      expect(trace.input).toBeUndefined();
      expect(trace.output).toBeUndefined();
      for (const span of trace.spans) {
        expect(span.input, span.name).toBeUndefined();
        expect(span.output, span.name).toBeUndefined();
        expect(span.inputMessages, span.name).toEqual([]);
        expect(span.outputMessages, span.name).toEqual([]);
      }
    }
    expect(result.spans.some(isModelCall)).toBe(true);
  });
});
