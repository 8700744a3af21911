import type { Attributes } from '@opentelemetry/api';
import { configureThreadline, resetThreadlineConfiguration } from '@threadline/core';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { CHAT_OPERATION } from '../operations/chat';

const OUTPUT_KEYS = ['langfuse.observation.output', 'gen_ai.output.messages'] as const;

const finishReason = fc.oneof(
  fc.constantFrom(undefined, 'stop', 'length', 'tool_calls', 'function_call', 'content_filter'),
  fc.string(),
);
// Texts of every kind JSON escapes, and some past the content bound (the general path cuts).
const text = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', '"\\\n\u2028</script>', 'é😀\u0000'),
  fc.nat({ max: 40_000 }).map((n) => 'x'.repeat(n)),
);
const role = fc.oneof(fc.constant('assistant'), fc.string());

function outputs(write: (out: Attributes) => void): Record<string, unknown> {
  const out: Attributes = {};
  write(out);
  return Object.fromEntries(OUTPUT_KEYS.map((key) => [key, out[key]]));
}

/** The same writing with an identity mask configured: the general path, result unchanged. */
function generalPath(write: (out: Attributes) => void): Record<string, unknown> {
  configureThreadline({ mask: ({ data }) => data, allowOverride: true });
  try {
    return outputs(write);
  } finally {
    resetThreadlineConfiguration();
  }
}

function parsed(roleValue: string, content: string, reason: string | undefined) {
  return {
    id: 'chatcmpl-1',
    model: 'gpt-4o-mini',
    choices: [
      {
        index: 0,
        message: { role: roleValue, content, refusal: null, annotations: [] },
        finish_reason: reason ?? null,
      },
    ],
  };
}

function streamed(roleValue: string, content: string, reason: string | undefined, out: Attributes) {
  const recorder = CHAT_OPERATION.streamRecorder(true);
  const half = content.length >> 1;
  const chunk = (delta: object, finish: string | null) => ({
    id: 'chatcmpl-1',
    model: 'gpt-4o-mini',
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
  recorder.onItem(chunk({ role: roleValue, content: content.slice(0, half) }, null));
  recorder.onItem(chunk({ content: content.slice(half) }, null));
  recorder.onItem(chunk({}, reason ?? null));
  recorder.flush(out);
}

describe('a one-choice text answer written directly', () => {
  afterEach(() => resetThreadlineConfiguration());

  it('is the general path output, character for character (parsed answer)', () => {
    fc.assert(
      fc.property(role, text, finishReason, (r, t, f) => {
        const write = (out: Attributes) =>
          CHAT_OPERATION.responseAttributes(parsed(r, t, f), true, out);
        expect(outputs(write)).toEqual(generalPath(write));
      }),
      { numRuns: 200 },
    );
  });

  it('is the general path output, character for character (streamed answer)', () => {
    fc.assert(
      fc.property(role, text, finishReason, (r, t, f) => {
        const write = (out: Attributes) => streamed(r, t, f, out);
        expect(outputs(write)).toEqual(generalPath(write));
      }),
      { numRuns: 200 },
    );
  });

  it('leaves a masked answer to the mask', () => {
    configureThreadline({ mask: () => '[masked]' });
    const out: Attributes = {};
    CHAT_OPERATION.responseAttributes(parsed('assistant', 'secret', 'stop'), true, out);
    expect(out['langfuse.observation.output']).toBe('[masked]');
    expect(String(out['gen_ai.output.messages'])).not.toContain('secret');
  });
});
