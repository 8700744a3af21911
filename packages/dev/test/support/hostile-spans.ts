import type { ReceivedSpan } from '@threadline/testing';
import { makeSpan } from './spans';

/** JSON text nested `levels` deep: `[[[…]]]`. JSON.parse takes it; a recursive stringify does not. */
export function nestedJson(levels: number): string {
  return '['.repeat(levels) + ']'.repeat(levels);
}

/** The session the hostile spans belong to. */
export const HOSTILE_SESSION = 'hostile-session';

/**
 * One trace of spans that once took every page down: content nested 5,000 and
 * 100,000 levels deep in each key the viewer reads as input or output, on the root (so it is
 * the trace's input and output too), a model call, a tool and an OpenInference span; plus a span
 * that ends before it starts. `trace` picks the trace id.
 */
export function hostileSpans(trace = 0x4057): ReceivedSpan[] {
  const session = { 'session.id': HOSTILE_SESSION, 'user.id': 'hostile-user' };
  const deep = nestedJson(5_000);
  const deeper = nestedJson(100_000);
  const endsBeforeStart = makeSpan({
    trace,
    span: 6,
    parent: 1,
    name: 'ends before it starts',
    startMs: 500,
    attributes: session,
  });
  endsBeforeStart.endTimeUnixNano = '0';
  return [
    makeSpan({
      trace,
      span: 1,
      name: 'hostile turn',
      durationMs: 1_000,
      attributes: {
        ...session,
        'langfuse.observation.input': deep,
        'langfuse.observation.output': deeper,
      },
    }),
    makeSpan({
      trace,
      span: 2,
      parent: 1,
      name: 'chat',
      startMs: 10,
      attributes: {
        ...session,
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.prompt': deep,
        'gen_ai.completion': deeper,
        'gen_ai.usage.input_tokens': 10,
        'gen_ai.usage.output_tokens': 5,
      },
    }),
    makeSpan({
      trace,
      span: 3,
      parent: 1,
      name: 'ai.toolCall',
      startMs: 30,
      attributes: {
        ...session,
        'ai.toolCall.name': 'lookupShipment',
        'ai.toolCall.args': deep,
        'ai.toolCall.result': deeper,
      },
    }),
    makeSpan({
      trace,
      span: 4,
      parent: 1,
      name: 'retrieve',
      startMs: 50,
      attributes: {
        ...session,
        'openinference.span.kind': 'RETRIEVER',
        'input.value': deeper,
        'output.value': deep,
      },
    }),
    makeSpan({
      trace,
      span: 5,
      parent: 1,
      name: 'wide',
      startMs: 70,
      attributes: {
        ...session,
        'langfuse.observation.input': JSON.stringify(Array.from({ length: 50_000 }, (_, n) => n)),
        'langfuse.observation.output': '{"__proto__":{"polluted":true}}',
      },
    }),
    makeSpan({
      trace,
      span: 7,
      parent: 1,
      name: 'a hundred levels',
      startMs: 90,
      attributes: { ...session, 'langfuse.observation.input': nestedJson(100) },
    }),
    endsBeforeStart,
  ];
}
