import type { ReceivedSpan } from '@threadline/testing';
import { makeSpan } from './spans';

/** Options of {@link manySessions}. */
export interface ManySessionsOptions {
  sessions?: number;
  tracesPerSession?: number;
  users?: number;
  /** Number of the first trace, so several calls make distinct traces. */
  firstTrace?: number;
}

function generation(trace: number, span: number, startMs: number, attributes: object) {
  return makeSpan({
    trace,
    span,
    parent: 1,
    name: 'chat gpt-4o-mini',
    startMs,
    durationMs: 300,
    attributes: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.usage.input_tokens': 420,
      'gen_ai.usage.output_tokens': 64,
      'langfuse.observation.type': 'generation',
      ...attributes,
    },
  });
}

/**
 * A busy app's store: per trace a request span and three model calls with content, every span
 * carrying its session and user as `ThreadlineSpanProcessor` would. Sessions end in groups of
 * three at the same millisecond, so lists must break ties by id.
 */
export function manySessions({
  sessions = 500,
  tracesPerSession = 25,
  users = 50,
  firstTrace = 1,
}: ManySessionsOptions = {}): ReceivedSpan[] {
  const spans: ReceivedSpan[] = [];
  for (let s = 0; s < sessions; s++) {
    const context = { 'session.id': `session-${s}`, 'user.id': `user-${s % users}` };
    // Groups of three sessions share their timeline, so their last times tie.
    const base = Math.floor(s / 3) * 100_000;
    for (let t = 0; t < tracesPerSession; t++) {
      const trace = firstTrace + s * tracesPerSession + t;
      const at = base + t * 2_000;
      spans.push(
        makeSpan({
          trace,
          span: 1,
          name: 'request',
          startMs: at,
          durationMs: 1_000,
          attributes: context,
        }),
      );
      for (let c = 0; c < 3; c++) {
        spans.push(
          generation(trace, 2 + c, at + 10 + c * 310, {
            ...context,
            'langfuse.observation.input': JSON.stringify([
              { role: 'system', content: 'You are a helpful support agent.' },
              { role: 'user', content: `Session ${s}, question ${t}: where is order #${trace}?` },
            ]),
            'langfuse.observation.output': JSON.stringify({
              role: 'assistant',
              content: `Order #${trace} has shipped and should arrive in ${1 + (t % 5)} days.`,
            }),
          }),
        );
      }
    }
  }
  return spans;
}

/** Options of {@link bigTrace}. */
export interface BigTraceOptions {
  trace: number;
  /** Spans in all, the root included; a multiple of `stepSize` plus one. */
  spans?: number;
  /** Spans under each step, the step included. */
  stepSize?: number;
  sessionId?: string;
}

/**
 * One agent run with many spans: a root, steps under it, and under each step model calls and
 * tool calls with content (every fifth a model call).
 */
export function bigTrace({
  trace,
  spans = 10_001,
  stepSize = 50,
  sessionId = 'big-session',
}: BigTraceOptions): ReceivedSpan[] {
  const context = { 'session.id': sessionId, 'user.id': 'big-user' };
  const steps = Math.floor((spans - 1) / stepSize);
  const out: ReceivedSpan[] = [
    makeSpan({
      trace,
      span: 1,
      name: 'agent run',
      startMs: 0,
      durationMs: steps * stepSize * 10 + 10,
      attributes: { ...context, 'langfuse.observation.type': 'agent' },
    }),
  ];
  let id = 2;
  for (let step = 0; step < steps; step++) {
    const stepId = id++;
    const stepStart = 5 + step * stepSize * 10;
    out.push(
      makeSpan({
        trace,
        span: stepId,
        parent: 1,
        name: `step ${step}`,
        startMs: stepStart,
        durationMs: stepSize * 10 - 2,
        attributes: { ...context, 'langfuse.observation.type': 'chain' },
      }),
    );
    for (let n = 1; n < stepSize; n++) {
      const model = n % 5 === 1;
      out.push(
        makeSpan({
          trace,
          span: id++,
          parent: stepId,
          name: model ? 'chat gpt-4o-mini' : `execute_tool search_${n}`,
          startMs: stepStart + n * 10,
          durationMs: 8,
          attributes: {
            ...context,
            ...(model
              ? {
                  'gen_ai.operation.name': 'chat',
                  'gen_ai.request.model': 'gpt-4o-mini',
                  'gen_ai.usage.input_tokens': 900,
                  'gen_ai.usage.output_tokens': 40,
                  'langfuse.observation.type': 'generation',
                }
              : { 'langfuse.observation.type': 'tool' }),
            'langfuse.observation.input': JSON.stringify({ step, n, query: 'x'.repeat(200) }),
            'langfuse.observation.output': JSON.stringify({ step, n, result: 'y'.repeat(300) }),
          },
        }),
      );
    }
  }
  return out;
}
